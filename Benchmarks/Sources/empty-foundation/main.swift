// The floor for process start with Foundation loaded, as drill loads it.
import Foundation

_ = ProcessInfo.processInfo.arguments.count
