import ArgumentParser
import AssetMapCore
import Foundation

/// `assetmap merge-file BASE OURS THEIRS`: git's merge driver (%O %A %B).
struct MergeFileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-file",
        abstract: "Merge two versions of a map with their common ancestor, record by record, into OURS.",
        discussion: """
            Nodes are matched by id, edges by (from, to, relation), attributes by key; repeated keys such as \
            dated review notes are joined in order. Our layout and comments are kept. A field both sides \
            changed differently keeps ours and gets a conflict: line with both values, so the map still \
            loads; assetmap check lists them and assetmap resolve settles them. Their changes to comments \
            are taken where ours left them; a comment both changed keeps both versions.
            Exit status: 0 merged cleanly, 1 conflicts (or a version could not be merged: OURS is then \
            left as it was), 2 usage. assetmap git-setup makes git use it for *.map files.
            """)

    @Argument(help: "The common ancestor (git's %O).")
    var base: String

    @Argument(help: "Our version (git's %A); the result is written here.")
    var ours: String

    @Argument(help: "Their version (git's %B).")
    var theirs: String

    @Option(help: "The file's name in messages (git's %P).")
    var name: String?

    func run() throws {
        let shown = name ?? ours
        var documents: [MapDocument] = []
        let paths = [base, ours, theirs]
        for (role, (path, loaded)) in zip(["base", "ours", "theirs"], zip(paths, CLI.loadAll(paths))) {
            switch loaded {
            case .success(let document): documents.append(document)
            case .failure(let failure):
                CLI.printError("\(shown): not merged: \(role) (\(path)): \(failure.diagnostic.formatted(file: path))")
                throw ExitCode(1)
            }
        }
        let result: MergeResult
        do {
            result = try documents[1].merge(base: documents[0], theirs: documents[2])
        } catch let refusal as MergeRefusal {
            CLI.printError("\(shown): not merged record by record: \(refusal); our version is left as it was")
            throw ExitCode(1)
        }
        // Written as bytes: the merged map is read into a graph only to name its conflicts.
        let data = result.mergedData(of: documents[1])
        if !result.change.splices.isEmpty {
            do { try MapFile.save(data, to: ours, force: true) } catch {
                CLI.printError("\(error)")
                throw ExitCode(1)
            }
        }
        let conflicts = result.conflicts.isEmpty ? [] : try MapDocument(data: data).conflicts
        CLI.say(
            "\(shown): merged record by record; \(result.taken) change\(result.taken == 1 ? "" : "s") taken from theirs"
                + (conflicts.isEmpty ? "" : "; \(conflicts.count) conflict\(conflicts.count == 1 ? "" : "s")"))
        for record in result.commentsKeptBoth {
            CLI.say("\(shown): \(record): a comment changed on both sides; both kept")
        }
        for found in conflicts {
            CLI.say(
                "\(shown):\(found.line + 1):\(found.column): conflict: \(found.record): \(found.conflict?.summary ?? "unreadable")"
            )
        }
        if !conflicts.isEmpty {
            CLI.say("keep one side with: assetmap resolve \(Escaping.shellWord(shown)) [RECORD] --ours|--theirs")
            CLI.exitNow(1)
        }
        CLI.exitNow(0)
    }
}
