import ArgumentParser
import AssetMapCore
import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Output and loading shared by the subcommands.
enum CLI {
    /// Escaped: a message may quote the map, whose control characters must not reach the terminal.
    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((Escaping.visible(text, keepingNewlines: true) + "\n").utf8))
    }

    /// Text for people on standard output (listings, summaries, hints), through the one escaping: a map's
    /// control and bidi characters never reach the terminal raw.
    static func say(_ text: String) {
        print(Escaping.forOutput(text, as: .text))
    }

    /// Reads and parses a map, or returns the positioned error saying why it cannot. `mapped`: only for a
    /// command that reads and ends (see `MapDocument.read`), after `exitWhenAMappedFileShrinks`.
    static func load(_ path: String, mapped: Bool = false) -> Result<MapDocument, LoadFailure> {
        MapFile.read(path, mapped: mapped).mapError { LoadFailure($0.diagnostics[0]) }
    }

    /// A mapped map file shortened by another program while it is read raises SIGBUS: say so rather than crash.
    static func exitWhenAMappedFileShrinks() {
        signal(SIGBUS) { _ in
            StaticString(
                "assetmap: a map file was shortened by another program while being read; run the command again\n"
            )
            .withUTF8Buffer { _ = write(2, $0.baseAddress, $0.count) }
            _exit(1)
        }
    }

    /// Loads several maps at once (one core each, as far as there are cores), each result in its place.
    static func loadAll(_ paths: [String]) -> [Result<MapDocument, LoadFailure>] {
        Parallel.map(paths.count) { load(paths[$0]) }
    }

    /// Ends the process at once: a command done with large documents does not spend time freeing them.
    static func exitNow(_ status: Int32) -> Never {
        fflush(nil)  // what print() buffered goes first
        exit(status)
    }

    /// Loads a map, or prints why it cannot and exits with `status`.
    static func loadOrExit(_ path: String, status: Int32) throws -> MapDocument {
        try orExit(load(path), path, status: status)
    }

    /// Loads several maps at once; if one cannot be read, prints why and exits with `status`.
    static func loadAllOrExit(_ paths: [String], status: Int32) throws -> [MapDocument] {
        try zip(paths, loadAll(paths)).map { try orExit($1, $0, status: status) }
    }

    private static func orExit(_ loaded: Result<MapDocument, LoadFailure>, _ path: String, status: Int32) throws
        -> MapDocument
    {
        switch loaded {
        case .success(let document): return document
        case .failure(let failure):
            printError(failure.diagnostic.formatted(file: path))
            throw ExitCode(status)
        }
    }

    /// Loads a map that must have no errors (to edit or export it); prints its errors and exits 1 otherwise.
    static func loadClean(_ path: String, refusing what: String) throws -> MapDocument {
        try loadCleanWithWarnings(path, refusing: what).document
    }

    /// `loadClean`, also giving what `check` found (warnings only, as errors refuse the map).
    static func loadCleanWithWarnings(_ path: String, refusing what: String) throws -> (
        document: MapDocument, problems: [Diagnostic]
    ) {
        let doc = try loadOrExit(path, status: 1)
        let problems = doc.check()
        let errors = problems.filter { $0.severity == .error }
        guard errors.isEmpty else {
            for error in errors { printError(error.formatted(file: path)) }
            printError(
                "\(path): \(what): the map has \(errors.count) error\(errors.count == 1 ? "" : "s"); fix \(errors.count == 1 ? "it" : "them") first"
            )
            throw ExitCode(1)
        }
        return (doc, problems)
    }

    /// Applies `edit` through `MapFile.edit` (locked, re-read, refused with errors, saved atomically).
    /// `edit` returns what it did, printed once the file is saved.
    static func edit(_ path: String, force: Bool, _ edit: (inout MapDocument) throws -> [String]) throws {
        let done: [String]
        do {
            done = try MapFile.edit(path, force: force, edit)
        } catch let error as EditError {
            printError("\(path): error: \(error.message)")
            throw ExitCode(1)
        } catch let error as MapFileError {
            report(error)
            throw ExitCode(1)
        }
        for line in done { print(Escaping.oneLine(line, limit: .max)) }
    }

    /// A map or output file refused: its positioned errors (if any), then why.
    static func report(_ error: MapFileError) {
        for diagnostic in error.diagnostics { printError(diagnostic.formatted(file: error.path)) }
        printError("\(error)\(error.kind == .readOnly ? "; --force edits it anyway" : "")")
    }

    /// `edit` that also names what it touched (`about`), so the warnings `check` gives about those records are
    /// printed at once, as `FILE:LINE:COL: warning: …` (the edit still lands).
    static func edit<Touched>(
        _ path: String, force: Bool, warningsAbout records: (Touched) -> [RecordRef],
        _ edit: (inout MapDocument) throws -> ([String], Touched)
    ) throws {
        var warnings: [Diagnostic] = []
        try self.edit(path, force: force) { doc in
            let (done, touched) = try edit(&doc)
            warnings = records(touched).flatMap(doc.warnings(about:))
            return done
        }
        for warning in warnings { printError(warning.formatted(file: path)) }
    }

    /// `key=value` arguments; the value is everything after the first `=` and may be empty.
    static func pairs(_ arguments: [String]) throws -> [(key: String, value: String)] {
        try arguments.map { argument in
            guard let equals = argument.firstIndex(of: "=") else {
                throw ValidationError("expected key=value, got '\(argument)'")
            }
            return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
        }
    }

    static func looksLikePair(_ argument: String) -> Bool {
        guard let equals = argument.firstIndex(of: "=") else { return false }
        return Syntax.isValidKey(String(argument[..<equals]))
    }

    /// `map` (the header), `FROM->TO` (an edge) or a node id.
    static func record(_ text: String, relation: String?, in doc: MapDocument) throws -> RecordRef {
        if text == "map" { return .header }
        guard let arrow = text.range(of: "->") else {
            if relation != nil { throw EditError("--relation is only for edges (FROM->TO)") }
            return .node(text)
        }
        let from = text[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)
        let to = text[arrow.upperBound...].trimmingCharacters(in: .whitespaces)
        let candidates = doc.graph.edges.filter { $0.from == from && $0.to == to }
        if let relation {
            guard candidates.contains(where: { $0.relation == relation }) else {
                throw EditError("there is no edge \(from) -> \(to) \(Syntax.relationToken(relation))")
            }
            return .edge(from: from, to: to, relation: relation)
        }
        switch candidates.count {
        case 0: throw EditError("there is no edge \(from) -> \(to)")
        case 1: return .edge(from: from, to: to, relation: candidates[0].relation)
        default:
            let relations = candidates.map { Syntax.relationToken($0.relation) }.joined(separator: ", ")
            throw EditError("there are several edges \(from) -> \(to) (\(relations)); choose one with --relation")
        }
    }
}

/// `--force`, for every command that edits a map. Scriptable edits (Commands/Edit) each go through
/// `MapFile.edit`: locked against other edits, the map re-read under the lock, refused if it has errors
/// (or is read-only, without --force), the same operations the UI uses applied, and saved atomically
/// keeping the file's owner, permissions, symlinks and hard links.
struct EditOptions: ParsableArguments {
    @Flag(help: "Edit the map even if it is read-only (no write permission).")
    var force = false
}

/// The map an edit command changes, always its first argument.
struct MapToEdit: ParsableArguments {
    @Argument(help: "The map file.")
    var file: String

    @OptionGroup var options: EditOptions

    func edit(_ edit: (inout MapDocument) throws -> [String]) throws {
        try CLI.edit(file, force: options.force, edit)
    }

    func edit<Touched>(
        warningsAbout records: (Touched) -> [RecordRef], _ edit: (inout MapDocument) throws -> ([String], Touched)
    ) throws {
        try CLI.edit(file, force: options.force, warningsAbout: records, edit)
    }
}

/// Why a map could not be read, at a position.
struct LoadFailure: Error {
    var diagnostic: Diagnostic
    init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
}
