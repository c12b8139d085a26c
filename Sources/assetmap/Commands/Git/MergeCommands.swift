import ArgumentParser
import AssetMapCore
import Foundation

/// `assetmap diff OLD NEW`: what changed, record by record.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two versions of a map, record by record.",
        discussion: """
            Nodes added, removed, relabelled or given a new id; attributes set, changed or removed; edges \
            added and removed. Exit status: 0 no changes, 1 changes, 2 trouble (like diff).
            With --textconv FILE it prints the map as one line per field instead, for git's diff driver \
            (assetmap git-setup sets that up, so git diff and git log -p read as changes to the map).
            """)

    @Argument(help: "The old version and the new version (one file with --textconv).")
    var files: [String]

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "text (the default) or json.")
    var format: Format = .text

    @Flag(help: "Print one map as a listing of its fields (git's textconv).")
    var textconv = false

    func validate() throws {
        if textconv && files.count != 1 { throw ValidationError("--textconv takes one file") }
        if !textconv && files.count != 2 {
            throw ValidationError("give the old and the new version: assetmap diff OLD NEW")
        }
    }

    func run() throws {
        let documents = try CLI.loadAllOrExit(files, status: 2)
        if textconv {
            FileHandle.standardOutput.write(Data(MapDiff.listing(documents[0]).utf8))
            return
        }
        let changes = MapDiff.changes(from: documents[0], to: documents[1])
        let text = format == .json ? MapDiff.json(changes) : MapDiff.text(changes)
        FileHandle.standardOutput.write(Data(text.utf8))
        CLI.exitNow(changes.isEmpty ? 0 : 1)
    }
}

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
        print(
            "\(shown): merged record by record; \(result.taken) change\(result.taken == 1 ? "" : "s") taken from theirs"
                + (conflicts.isEmpty ? "" : "; \(conflicts.count) conflict\(conflicts.count == 1 ? "" : "s")"))
        for record in result.commentsKeptBoth {
            print("\(shown): \(record): a comment changed on both sides; both kept")
        }
        for found in conflicts {
            print(
                "\(shown):\(found.line + 1):\(found.column): conflict: \(found.record): \(found.conflict?.summary ?? "unreadable")"
            )
        }
        if !conflicts.isEmpty {
            print("keep one side with: assetmap resolve \(shown) [RECORD] --ours|--theirs")
            CLI.exitNow(1)
        }
        CLI.exitNow(0)
    }
}

/// `assetmap resolve FILE [RECORD] --ours|--theirs`: settles merge conflicts.
struct ResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Settle merge conflicts (conflict: lines) by keeping our or their value.",
        discussion: """
            assetmap resolve walsall.map --theirs                 every conflict, their values
            assetmap resolve walsall.map proof-of-address --ours  the conflicts of one record
            RECORD is a node id, FROM->TO for an edge, or map. Without --ours or --theirs, lists them.
            """)

    @Argument(help: "The map file.")
    var file: String

    @Argument(help: "Only the conflicts of this record.")
    var record: String?

    @Flag(help: "Which value to keep.")
    var side: MergeSide?

    @Option(help: "Which edge, when there are several between FROM and TO.")
    var relation: String?

    func run() throws {
        var document = try CLI.loadOrExit(file, status: 1)
        let otherErrors = document.check().filter { $0.severity == .error && !$0.message.hasPrefix("merge conflict") }
        guard otherErrors.isEmpty else {
            for error in otherErrors { CLI.printError(error.formatted(file: file)) }
            CLI.printError("\(file): not changed: fix the errors above first")
            throw ExitCode(1)
        }
        let ref = try record.map { text in
            do { return try CLI.record(text, relation: relation, in: document) } catch let error as EditError {
                CLI.printError("\(file): error: \(error.message)")
                throw ExitCode(1)
            }
        }
        let wanted = { (found: MapConflict) in ref == nil || found.record == ref }
        guard let side else {
            for found in document.conflicts where wanted(found) {
                print(
                    "\(file):\(found.line + 1):\(found.column): \(found.record): \(found.conflict?.summary ?? "unreadable")"
                )
            }
            return
        }
        var done: [String] = []
        // Each resolution moves the lines below it: find the next one afresh.
        while let found = document.conflicts.first(where: { wanted($0) && $0.conflict != nil }) {
            do { done.append(document.perform(try document.resolve(found, keeping: side)).summary) } catch let error
                as EditError
            {
                CLI.printError("\(file): error: \(error.message)")
                throw ExitCode(1)
            }
        }
        guard !done.isEmpty else {
            print("\(file): no conflicts\(record.map { " on \($0)" } ?? "")")
            return
        }
        do { try MapFile.save(document.data, to: file) } catch {
            CLI.printError("\(error)")
            throw ExitCode(1)
        }
        for line in done { print(line) }
    }
}

extension MergeSide: EnumerableFlag {}

/// `assetmap merge A.map B.map… -o ICS.map`: several sites' maps as one.
struct CombineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine several maps into one (an ICS map from its sites' maps).",
        discussion: """
            assetmap merge walsall.map wolverhampton.map dudley.map -o black-country.map
            The same node in two maps (same id, kind and label) becomes one, with the attributes of both; \
            where the maps give one attribute different values the earlier map's is kept (and reported). \
            The same id for different things is kept apart: the later one is renamed with its file's name \
            as a prefix (wolverhampton-rmc), its links following. The first map's layout and comments come \
            first; each later map's new records follow, with their comments. A summary says what was \
            joined and renamed.
            """)

    @Argument(help: "The maps, in order.")
    var files: [String]

    @Option(name: .shortAndLong, help: "Where to write the combined map (- for standard output).")
    var output: String

    func validate() throws {
        if files.count < 2 { throw ValidationError("give at least two maps to combine") }
    }

    func run() throws {
        let maps = try files.map { file in
            (
                site: URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent,
                document: try CLI.loadClean(file, refusing: "nothing combined")
            )
        }
        let (combined, reports) = try MapCombine.combine(maps)
        do { try OutputFile.write(combined.data, to: output) } catch {
            CLI.printError("\(error)")
            throw ExitCode(1)
        }
        let summary = MapCombine.summary(reports, result: combined, output: output)
        FileHandle.standardError.write(Data(summary.utf8))
    }
}
