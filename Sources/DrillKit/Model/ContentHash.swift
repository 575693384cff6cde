import Crypto
import Foundation

/// Fingerprints of the texts a run was played from, so a stored run shows whether the
/// scenario or preparedness file it names has changed since.
public enum ContentHash {
    /// The SHA-256 of the text's UTF-8 bytes, as 64 lowercase hexadecimal digits.
    public static func sha256(_ text: String) -> String {
        // Hashed in place where the string is stored as UTF-8 (native strings are), and
        // written out from a table: an import hashes every event of every transcript twice.
        let digest = text.utf8.withContiguousStorageIfAvailable { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
            ?? SHA256.hash(data: Data(text.utf8))
        return String(unsafeUninitializedCapacity: 2 * SHA256.byteCount) { buffer in
            var index = 0
            for byte in digest {
                buffer[index] = hexDigits[Int(byte >> 4)]
                buffer[index + 1] = hexDigits[Int(byte & 0x0F)]
                index += 2
            }
            return index
        }
    }

    /// The SHA-256 of bytes, as 64 lowercase hexadecimal digits.
    public static func sha256(_ data: Data) -> String {
        String(decoding: SHA256.hash(data: data).flatMap { [hexDigits[Int($0 >> 4)], hexDigits[Int($0 & 0x0F)]] }, as: UTF8.self)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
