// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "AssetMap",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "assetmap", targets: ["assetmap"]),
        .executable(name: "assetmap-bench", targets: ["assetmap-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The map file, graph, edits, checks and exports: pure Swift, no terminal.
        .target(name: "AssetMapCore"),
        // The app as a state machine drawing into a cell Buffer: pure Swift, no curses.
        .target(name: "AssetMapUI", dependencies: ["AssetMapCore"]),
        // The only code that touches curses.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "TerminalBackend", dependencies: ["AssetMapUI", "CNcursesw"]),
        .executableTarget(
            name: "assetmap",
            dependencies: [
                "AssetMapCore", "AssetMapUI", "TerminalBackend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "assetmap-bench", dependencies: ["AssetMapCore", "AssetMapUI"]),
        .testTarget(name: "AssetMapCoreTests", dependencies: ["AssetMapCore"]),
        .testTarget(name: "AssetMapUITests", dependencies: ["AssetMapUI", "AssetMapCore"]),
        // Run the real binary: command-line behaviour, and the UI in tmux.
        .testTarget(name: "CLITests", dependencies: ["assetmap", "AssetMapCore"]),
        .testTarget(name: "EndToEndTests", dependencies: ["assetmap"]),
    ]
)
