import Foundation

/// The process's environment, read once: each `ProcessInfo.processInfo.environment` builds the
/// whole dictionary again, and a drill's start read it eight times (2.7 M instructions).
enum ProcessEnvironment {
    /// Every variable, as the process started with them.
    static let values = ProcessInfo.processInfo.environment
}
