import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill key`: the installation's public signing key, as a line of a KEYS file.
    struct Key: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "key",
            abstract: "Print this installation's public signing key as a line for a KEYS file (created on first use).",
            discussion: """
                Drill signs every run it stores, and the transcripts it exports, with a key kept in \
                $DRILL_CONFIG_DIR, else $XDG_CONFIG_HOME/drill, else ~/.config/drill (never in the database). \
                Add this line to transcripts/KEYS so that others' `drill import` and `drill verify` trust \
                transcripts exported here.

                Examples:
                  drill key
                  drill key --comment "Ana's laptop"
                """)

        @Option(help: ArgumentHelp("The comment at the end of the line (default: user@host).", valueName: "text"))
        var comment: String?

        func run() throws {
            try reportingFailures {
                let key: InstallationKey
                key = try GlobalOptions.installationKey()
                let identity = AuditIdentity.current
                let line = key.publicKey.keysLine(comment: (comment ?? "\(identity.user)@\(identity.host)").replacingOccurrences(of: "\n", with: " "))
                Terminal.standardOutput.line(TerminalText.line(line))
                Terminal.standardError.line(Terminal.standardError.styled("key \(key.id)", .dim))
            }
        }
    }
}
