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
    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Reads and parses a map, or returns the positioned error saying why it cannot.
    static func load(_ path: String) -> Result<MapDocument, LoadFailure> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(LoadFailure(Diagnostic(.error, line: 1, column: 1, "cannot read the file: no such file")))
        }
        if isDirectory.boolValue {
            return .failure(LoadFailure(Diagnostic(.error, line: 1, column: 1, "cannot read the file: it is a directory")))
        }
        guard access(path, R_OK) == 0, let data = FileManager.default.contents(atPath: path) else {
            return .failure(LoadFailure(Diagnostic(.error, line: 1, column: 1, "cannot read the file: permission denied")))
        }
        do {
            return .success(try MapDocument(data: data))
        } catch let error as MapLoadError {
            return .failure(LoadFailure(error.diagnostic))
        } catch {
            return .failure(LoadFailure(Diagnostic(.error, line: 1, column: 1, "cannot read the file: \(error)")))
        }
    }

    /// Loads a map that must have no errors (to edit or export it); prints its errors and exits 1 otherwise.
    static func loadClean(_ path: String, refusing what: String) throws -> MapDocument {
        let doc: MapDocument
        switch load(path) {
        case .failure(let failure):
            printError(failure.diagnostic.formatted(file: path))
            throw ExitCode(1)
        case .success(let loaded): doc = loaded
        }
        let errors = doc.check().filter { $0.severity == .error }
        guard errors.isEmpty else {
            for error in errors { printError(error.formatted(file: path)) }
            printError("\(path): \(what): the map has \(errors.count) error\(errors.count == 1 ? "" : "s"); fix \(errors.count == 1 ? "it" : "them") first")
            throw ExitCode(1)
        }
        return doc
    }

    /// Loads, applies `edit` through the document's operations, and saves atomically.
    /// The file is never written when it had errors or an edit is refused.
    /// `edit` returns what it did, printed once the file is saved.
    static func edit(_ path: String, _ edit: (inout MapDocument) throws -> [String]) throws {
        var doc = try loadClean(path, refusing: "not changed")
        let before = doc.text
        let done: [String]
        do {
            done = try edit(&doc)
        } catch let error as EditError {
            printError("\(path): error: \(error.message)")
            throw ExitCode(1)
        }
        if doc.text != before {
            do {
                try MapFile.write(doc.data, to: path)
            } catch {
                printError("\(error)")
                throw ExitCode(1)
            }
        }
        for line in done { print(line) }
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

/// Why a map could not be read, at a position.
struct LoadFailure: Error {
    var diagnostic: Diagnostic
    init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
}
