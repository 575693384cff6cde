// swift-tools-version: 6.1
// Benchmarks for drill: kept out of the root package so that `swift build`, `swift test` and CI
// never compile them. Build with `swift build -c release --package-path Benchmarks`; run
// everything with `Benchmarks/run.sh` (see BENCHMARKS.md).
import Foundation
import PackageDescription

/// drill's own package, by path: SwiftPM names it after its folder, whatever the clone is called.
let drill = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "drill-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Builds the large database, the 1,000-scenario folder and transcripts to import.
        .executableTarget(
            name: "drill-gen",
            dependencies: [.product(name: "DrillKit", package: drill), .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // In-process timings: one durable answer against a bare SQLite insert-and-commit.
        .executableTarget(
            name: "drill-bench",
            dependencies: [
                .product(name: "DrillKit", package: drill), .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // Floors: an empty Swift process, one that loads Foundation, and bare YAML parsing.
        .executableTarget(name: "empty"),
        .executableTarget(name: "empty-foundation"),
        .executableTarget(name: "yaml-floor", dependencies: [.product(name: "Yams", package: "Yams")]),
    ],
    swiftLanguageModes: [.v6]
)
