import Foundation

/// The repository the tests run from, found by walking up from this file to the folder holding
/// Package.swift, so no test counts how deep it sits.
package enum PackageRoot {
    package static let folder: URL = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return folder
            }
            folder.deleteLastPathComponent()
        }
        fatalError("no Package.swift above \(#filePath)")
    }()

    /// A file or folder by its path from the repository's root (`maps/walsall.map`).
    package static func url(_ path: String) -> URL { folder.appendingPathComponent(path) }

    /// Files other people published, in `../shared/realdata` beside the repository (CI's clone); a worktree
    /// further down finds it higher up. Never copied into the repository.
    package static let realData: URL = {
        var folder = PackageRoot.folder
        while folder.path != "/" {
            folder.deleteLastPathComponent()
            let candidate = folder.appendingPathComponent("shared/realdata")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        return PackageRoot.folder.deletingLastPathComponent().appendingPathComponent("shared/realdata")
    }()
}
