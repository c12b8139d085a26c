import Foundation
import Testing

/// Files other people published, in `../shared/realdata` beside the repository (never copied into it).
enum RealData {
    static let root: URL = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/"
            && !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path)
        {
            folder.deleteLastPathComponent()
        }
        // `../shared/realdata` from the root (CI's clone); a worktree further down finds it higher up.
        while folder.path != "/" {
            folder.deleteLastPathComponent()
            let candidate = folder.appendingPathComponent("shared/realdata")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        return folder.appendingPathComponent("shared/realdata")
    }()

    /// The path of a published file or folder; a missing one fails the test (CI's machine has them all).
    static func path(_ name: String) throws -> String {
        let url = root.appendingPathComponent(name)
        try #require(FileManager.default.fileExists(atPath: url.path), "\(url.path) is missing: see SOURCES.md there")
        return url.path
    }
}
