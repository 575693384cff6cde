import Crypto
import Foundation

/// Fingerprints of the texts a run was played from, so a stored run shows whether the
/// scenario or preparedness file it names has changed since.
public enum ContentHash {
    /// The SHA-256 of the text's UTF-8 bytes, as 64 lowercase hexadecimal digits.
    public static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { byte in
            let digits = String(byte, radix: 16)
            return byte < 0x10 ? "0" + digits : digits
        }.joined()
    }
}
