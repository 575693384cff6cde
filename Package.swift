// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "drill",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "drill", targets: ["drill"]),
        .library(name: "DrillKit", targets: ["DrillKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/onevcat/Rainbow", from: "4.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .target(
            name: "DrillKit",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                "CZlib",
            ]
        ),
        // zlib's header, for reading gzip-rotated log files as evidence (Sources/CZlib/shim.h).
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        // libedit's header for the prompt's line editing; the library itself is loaded at run
        // time, only when standard input is a terminal (Sources/CEditLine/CEditLine.h).
        .systemLibrary(name: "CEditLine", providers: [.apt(["libedit-dev"]), .brew(["libedit"])]),
        .executableTarget(
            name: "drill",
            dependencies: [
                "DrillKit",
                "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Rainbow", package: "Rainbow"),
            ]
        ),
        .testTarget(
            name: "DrillKitTests",
            dependencies: ["DrillKit", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Yams", package: "Yams")]
        ),
        .testTarget(name: "DrillCLITests", dependencies: ["drill", "DrillKit"]),
    ],
    swiftLanguageModes: [.v6]
)
