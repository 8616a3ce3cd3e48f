// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Padan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "padan", targets: ["padan"]),
        .library(name: "PadanCore", targets: ["PadanCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        // ICU behind a C++ shim whose header uses only <stdint.h> types: Foundation ships its
        // own ICU module and a direct module map of the system headers clashes with it.
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc")]
        ),
        // Byte scans in C where SSE2 pays (see its header).
        .target(name: "CTextScan"),
        // Swift 6 cannot name C's stdout/stderr (mutable globals): flushing and error checks in C.
        .target(name: "CStandardStreams"),
        // The PostgreSQL project's C client (Debian's libpq-dev) for the team store.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(name: "PadanCore", dependencies: ["CICU", "CTextScan"]),
        .target(
            name: "PadanStore",
            dependencies: ["PadanCore", "CLibPQ", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "PadanWorkbench",
            dependencies: ["PadanCore", "PadanStore"],
            resources: [.copy("Resources/corpora"), .copy("Resources/lexicon")]
        ),
        .target(name: "PadanReview", dependencies: ["PadanCore", "PadanStore", "PadanWorkbench"]),
        .executableTarget(
            name: "padan",
            dependencies: [
                "PadanCore", "PadanStore", "PadanWorkbench", "PadanReview", "CStandardStreams",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "PadanTests",
            dependencies: [
                "PadanCore", "PadanStore", "PadanWorkbench", "PadanReview", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
