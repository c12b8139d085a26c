// swift-tools-version:6.0
import PackageDescription

// Builds and is tested on Linux only (glibc and ncursesw; CI is Debian). The code imports Glibc and
// links ncursesw, so no other platform is declared.
let package = Package(
    name: "AssetMap",
    products: [
        .executable(name: "assetmap", targets: ["assetmap"]),
        .executable(name: "assetmap-bench", targets: ["assetmap-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Spreadsheets in and out (import/export): CSV, and .xlsx as a zip of XML parts.
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/CoreOffice/XMLCoder", from: "0.18.2"),
        // Live Open Referral feeds (import oruk https://…), in a target only the command line links.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // The live review room's HTTP server (issue 27); only the command line links it.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
    ],
    targets: [
        // The map file, graph, edits, checks and exports: pure Swift, no terminal.
        .target(name: "AssetMapCore"),
        // What the app and the terminal share: cells, styles, rectangles, input events, text width.
        .target(name: "TerminalKit"),
        // Import and export of other tools' formats (CSV, .xlsx, Kumu, GEXF, Open Referral UK): Core stays dependency-free.
        .target(
            name: "AssetMapInterchange",
            dependencies: [
                "AssetMapCore",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "XMLCoder", package: "XMLCoder"),
            ]),
        // HTTP for live feeds: kept out of Core, UI and Interchange, which stay free of networking.
        .target(
            name: "AssetMapFeeds",
            dependencies: [
                "AssetMapInterchange",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ]),
        // The app as a state machine drawing into a cell Buffer: pure Swift, no curses.
        .target(name: "AssetMapUI", dependencies: ["AssetMapCore", "TerminalKit"]),
        // The live review room: its pure model and journal, and the Hummingbird server phones join.
        .target(
            name: "AssetMapRoom",
            dependencies: [
                "AssetMapCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                "CQRencode",
            ]),
        // The room's join address as a QR code (Debian's libqrencode); only the room uses it.
        .systemLibrary(name: "CQRencode", path: "Sources/CQRencode"),
        // The only code that touches curses; knows nothing of the app.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "TerminalBackend", dependencies: ["TerminalKit", "CNcursesw"]),
        .executableTarget(
            name: "assetmap",
            dependencies: [
                "AssetMapCore", "AssetMapInterchange", "AssetMapFeeds", "AssetMapUI", "TerminalKit", "TerminalBackend",
                "AssetMapRoom",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // What only the tests and the benchmark use: seeded random numbers and edits, temporary folders,
        // the repository's root, shared fixtures and the reference parser of the format.
        .target(name: "AssetMapTestSupport", dependencies: ["AssetMapCore"]),
        .executableTarget(
            name: "assetmap-bench",
            dependencies: ["AssetMapCore", "AssetMapUI", "TerminalKit", "AssetMapInterchange", "AssetMapTestSupport"]),
        .testTarget(name: "AssetMapCoreTests", dependencies: ["AssetMapCore", "AssetMapTestSupport"]),
        .testTarget(
            name: "AssetMapInterchangeTests",
            dependencies: ["AssetMapInterchange", "AssetMapCore", "AssetMapTestSupport"]),
        .testTarget(name: "AssetMapRoomTests", dependencies: ["AssetMapRoom", "AssetMapCore", "AssetMapTestSupport"]),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit"]),
        .testTarget(
            name: "AssetMapUITests", dependencies: ["AssetMapUI", "AssetMapCore", "TerminalKit", "AssetMapTestSupport"]),
        // Run the real binary: command-line behaviour, and the UI in tmux.
        .testTarget(name: "CLITests", dependencies: ["assetmap", "AssetMapCore", "AssetMapTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["assetmap", "AssetMapTestSupport"]),
    ]
)
