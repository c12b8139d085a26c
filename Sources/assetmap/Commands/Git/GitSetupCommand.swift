import ArgumentParser
import AssetMapCore
import Foundation

/// `assetmap git-setup`: makes git merge and diff `.map` files record by record.
struct GitSetupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "git-setup",
        abstract: "Make git merge and diff .map files record by record (run it inside a repository).",
        discussion: """
            Adds "*.map merge=assetmap diff=assetmap" to the repository's .gitattributes (commit it, so \
            everyone's git knows), and the merge and diff drivers to the repository's git config \
            (--global: to yours, for every repository). Running it again changes nothing.
            """)

    @Flag(help: "Write the drivers into your own git config (~/.gitconfig) instead of the repository's.")
    var global = false

    @Option(help: "How git should run assetmap (default: assetmap when it is on PATH, else this program's full path).")
    var command: String?

    static let attributesLine = "*.map merge=assetmap diff=assetmap"

    func run() throws {
        let root = try Git.run(["rev-parse", "--show-toplevel"])
        let inRepository = root.status == 0
        guard inRepository || global else {
            throw ValidationError("not inside a git repository: run it in one (git init), or use --global")
        }
        var done: [String] = []
        if inRepository {
            let top = root.text.trimmingCharacters(in: .newlines)
            done.append(try addAttributes(at: top + "/.gitattributes"))
        }
        let program = command ?? Self.defaultCommand()
        let entries = [
            ("merge.assetmap.name", "AssetMap: merge .map files record by record"),
            ("merge.assetmap.driver", "\(program) merge-file %O %A %B --name %P"),
            ("diff.assetmap.textconv", "\(program) diff --textconv"),
            ("diff.assetmap.cachetextconv", "true"),
        ]
        let scope = global ? "--global" : "--local"
        for (key, value) in entries {
            let current = try Git.run(["config", scope, "--get", key])
            if current.status == 0 && current.text.trimmingCharacters(in: .newlines) == value {
                done.append("\(key) already set")
                continue
            }
            let set = try Git.run(["config", scope, key, value])
            guard set.status == 0 else { throw ValidationError("git config \(key) failed: \(set.stderr)") }
            done.append("set \(key) = \(value) (\(global ? "your git config" : "this repository's .git/config"))")
        }
        for line in done { CLI.say(line) }
        if inRepository { CLI.say("commit .gitattributes so that everyone working on these maps gets the same") }
    }

    private func addAttributes(at path: String) throws -> String {
        let existing = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let lines = existing.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        if lines.contains(Self.attributesLine) { return ".gitattributes already has \(Self.attributesLine)" }
        let separator = existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n"
        try OutputFile.write(Data((existing + separator + Self.attributesLine + "\n").utf8), to: path)
        return "added \(Self.attributesLine) to .gitattributes"
    }

    /// `assetmap` when that name on PATH is this program, else this program's full path (quoted for the shell).
    static func defaultCommand() -> String {
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("assetmap")
                .resolvingSymlinksInPath().path
            if candidate == me { return "assetmap" }
        }
        return "'" + me.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
