// The floor for process start: a Swift program that does nothing.
