import Foundation

/// A fresh folder under the system's temporary folder, removed with everything in it when the last
/// reference to it goes. The one temp-folder helper of the tests and the benchmark.
package final class TemporaryFolder: Sendable {
    package let url: URL

    /// `prefix` names the folder (`assetmap-cli-…`) so a left-over one says who made it.
    package init(prefix: String = "assetmap") throws { url = try Self.create(prefix: prefix) }

    /// A fresh folder that the caller removes (a tmux session outliving the test's scope needs one).
    package static func create(prefix: String = "assetmap") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path of `name` inside the folder.
    package func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` as `name`; returns the name.
    @discardableResult
    package func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
        return name
    }

    package func read(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: url.appendingPathComponent(name)), as: UTF8.self)
    }
}
