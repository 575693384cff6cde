import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// This installation's Ed25519 signing key: it signs each run's seal and the database's anchor
/// (the heads of the run ledger and the audit trail), so that an edit made without the key is
/// found even when every plain SHA-256 hash was recomputed.
///
/// The key lives in the user's config folder (`$DRILL_CONFIG_DIR`, else `$XDG_CONFIG_HOME/drill`,
/// else `~/.config/drill`), created on first use in a 0700 folder as a 0600 file, and never in
/// the database: whoever copies or edits the database alone cannot sign. Whoever holds the key
/// can re-sign anything; the signature proves which installation vouched for a record, not that
/// its holder is honest.
public struct InstallationKey: Sendable {
    /// The name of the key file in the config folder.
    public static let fileName = "signing-key"
    /// The first line of the key file, before the key's base64.
    static let filePrefix = "drill-ed25519-private "

    private let privateKey: Curve25519.Signing.PrivateKey
    /// Where the key was read from, or `nil` for a key made for one process (tests, dry runs).
    public let path: String?

    /// The public half, as it appears in a `KEYS` file.
    public var publicKey: SigningPublicKey { SigningPublicKey(privateKey.publicKey) }
    /// The public key's id (see ``SigningPublicKey/id``).
    public var id: String { publicKey.id }

    private init(_ privateKey: Curve25519.Signing.PrivateKey, path: String?) {
        self.privateKey = privateKey
        self.path = path
    }

    /// A fresh key held in memory only: for tests and in-memory databases.
    public static func ephemeral() -> InstallationKey {
        InstallationKey(Curve25519.Signing.PrivateKey(), path: nil)
    }

    /// One key held in memory for the whole process: what a database opened without a key
    /// signs with, so that reopening a file in the same process (tests do) trusts what it wrote.
    public static let processDefault = ephemeral()

    /// The config folder: `$DRILL_CONFIG_DIR`, else `$XDG_CONFIG_HOME/drill` (an absolute path
    /// only, as the XDG specification asks), else `$HOME/.config/drill`. Empty variables count as unset.
    public static func defaultFolder(environment: [String: String]) -> URL {
        if let folder = environment["DRILL_CONFIG_DIR"], !folder.isEmpty { return URL(fileURLWithPath: folder, isDirectory: true) }
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("drill", isDirectory: true)
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".config/drill", isDirectory: true)
    }

    /// Reads the key in `folder`, creating the folder (0700) and the key (0600) on first use.
    ///
    /// A key file others can read or write is refused, as `ssh` refuses one: anyone could have
    /// copied or replaced it.
    public static func loadOrCreate(in folder: URL) throws(StoreError) -> InstallationKey {
        let path = folder.appendingPathComponent(fileName).path
        if let key = try read(path) { return key }
        try createFolder(folder)
        // Written aside and linked into place, so no other drill ever reads a half-written key;
        // if another drill got there first, its key is kept.
        StoreFiles.removeOrphanedTemporaries(of: path)
        let temporary = StoreFiles.temporaryName(for: path)
        defer { unlink(temporary) }
        let key = Curve25519.Signing.PrivateKey()
        let text = filePrefix + key.rawRepresentation.base64EncodedString() + "\n"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .keyUnavailable(path: path, detail: "it could not be created: \(errorText())") }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == bytes.count, synced else { throw .keyUnavailable(path: path, detail: "it could not be written: \(errorText())") }
        guard link(temporary, path) == 0 || errno == EEXIST else {
            throw .keyUnavailable(path: path, detail: "it could not be put in place: \(errorText())")
        }
        guard let stored = try read(path) else { throw .keyUnavailable(path: path, detail: "it vanished after it was created") }
        return stored
    }

    /// The key at `path`, or `nil` when there is none.
    private static func read(_ path: String) throws(StoreError) -> InstallationKey? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw .keyUnavailable(path: path, detail: errorText())
        }
        let mode = Int(info.st_mode) & 0o777
        guard mode & 0o077 == 0 else {
            throw .keyUnavailable(path: path, detail: "other users can read or write it (mode \(String(mode, radix: 8))); run `chmod 600 \(path)`")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .keyUnavailable(path: path, detail: "it could not be read")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingWhitespace
        guard text.hasPrefix(filePrefix), let raw = Data(base64Encoded: String(text.dropFirst(filePrefix.count))),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw .keyUnavailable(path: path, detail: "it is not a drill signing key")
        }
        return InstallationKey(key, path: path)
    }

    private static func createFolder(_ folder: URL) throws(StoreError) {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .keyUnavailable(path: folder.path, detail: "the folder could not be created: \(error.localizedDescription)")
        }
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }

    /// The base64 Ed25519 signature of `message`'s UTF-8 bytes.
    public func sign(_ message: String) -> String {
        // Signing with a valid key cannot fail; an empty signature would fail every check.
        ((try? privateKey.signature(for: Data(message.utf8))) ?? Data()).base64EncodedString()
    }
}

/// An Ed25519 public key that checks signatures, with its id.
public struct SigningPublicKey: Hashable, Sendable {
    /// The raw 32 bytes.
    public let rawRepresentation: Data

    init(_ key: Curve25519.Signing.PublicKey) {
        rawRepresentation = key.rawRepresentation
    }

    /// Reads a key from its base64.
    public init?(base64: String) {
        guard let raw = Data(base64Encoded: base64), (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil else { return nil }
        rawRepresentation = raw
    }

    /// The first 16 hexadecimal digits of the SHA-256 of the raw key: short enough to read, long
    /// enough that no two keys a team meets share one.
    public var id: String { String(ContentHash.sha256(rawRepresentation.base64EncodedString()).prefix(16)) }

    /// The line a `KEYS` file holds for this key: `ed25519 BASE64 COMMENT`.
    public func keysLine(comment: String) -> String {
        "ed25519 \(rawRepresentation.base64EncodedString()) \(comment)"
    }

    /// Whether `signature` (base64) signs `message` with this key.
    public func isValid(signature: String, for message: String) -> Bool {
        guard let bytes = Data(base64Encoded: signature), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawRepresentation) else {
            return false
        }
        return key.isValidSignature(bytes, for: Data(message.utf8))
    }
}

/// The public keys whose signatures are trusted: the installation's own, and those a team keeps in
/// a `KEYS` file beside its transcripts.
public struct TrustedKeys: Sendable {
    /// The name of the file of public keys beside transcripts.
    public static let fileName = "KEYS"

    /// Keys by id.
    public private(set) var keys: [String: SigningPublicKey] = [:]

    /// Trusts the given keys.
    public init(_ keys: [SigningPublicKey] = []) {
        for key in keys { self.keys[key.id] = key }
    }

    /// Trusts one more key.
    public mutating func add(_ key: SigningPublicKey) { keys[key.id] = key }

    /// These keys and `others`.
    public func adding(_ others: TrustedKeys) -> TrustedKeys {
        var union = self
        for key in others.keys.values { union.add(key) }
        return union
    }

    /// How a signature stands against these keys.
    public enum Verdict: String, Codable, Sendable {
        /// Made by a trusted key.
        case valid
        /// The key is trusted, but the signature does not sign this content.
        case invalid
        /// No trusted key has this id.
        case unknownKey = "unknown-key"
    }

    /// Checks `signature` (base64) of `message` by the key with id `keyID`.
    public func verdict(signature: String, keyID: String, message: String) -> Verdict {
        guard let key = keys[keyID] else { return .unknownKey }
        return key.isValid(signature: signature, for: message) ? .valid : .invalid
    }

    /// Adds the keys of a `KEYS` file: one `ed25519 BASE64 [comment]` per line; `#` starts a
    /// comment line. A missing file adds nothing; lines that are not keys are skipped.
    public mutating func addKeys(fromFileAt url: URL) {
        guard let data = try? Data(contentsOf: url), data.count < 1 << 20 else { return }
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2, fields[0] == "ed25519", let key = SigningPublicKey(base64: String(fields[1])) else { continue }
            add(key)
        }
    }
}
