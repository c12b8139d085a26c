import Foundation
import Testing
import AssetMapTestSupport

/// Files other people published, in `../shared/realdata` beside the repository (never copied into it).
enum RealData {
    static let root = PackageRoot.realData

    /// The path of a published file or folder; a missing one fails the test (CI's machine has them all).
    static func path(_ name: String) throws -> String {
        let url = root.appendingPathComponent(name)
        try #require(FileManager.default.fileExists(atPath: url.path), "\(url.path) is missing: see SOURCES.md there")
        return url.path
    }
}
