import ArgumentParser
import AssetMapCore
import AssetMapInterchange
import Foundation

/// Where an import lands: a new map, or an edit of an existing one (through the same locked, atomic save).
struct ImportTarget: ParsableArguments {
    @Option(name: .shortAndLong, help: "Write a new map here (refused if the file exists; - for standard output).")
    var output: String?

    @Option(help: "Add to or update this existing map.")
    var into: String?

    @Option(help: "The new map's title (with -o; default: from the first file's name).")
    var title: String?

    @OptionGroup var edit: EditOptions

    func validate() throws {
        guard (output == nil) != (into == nil) else { throw ValidationError("give either -o NEW.map or --into MAP") }
        if title != nil && into != nil { throw ValidationError("--title is for a new map (-o)") }
    }

    /// Applies the import to a new or existing map and prints its summary. Nothing is written when anything is wrong.
    func run(defaultTitle: String, _ read: () throws -> ImportSet) throws {
        let set: ImportSet
        do {
            do { set = try read() } catch let error as InputError { throw InputErrors([error]) }
        } catch let errors as InputErrors {
            for error in errors.errors { CLI.printError(error.description) }
            CLI.printError(
                "nothing written: \(errors.errors.count) error\(errors.errors.count == 1 ? "" : "s") in the input")
            throw ExitCode(1)
        }
        var summary = ImportSummary()
        func land(_ doc: inout MapDocument, named path: String) throws {
            do {
                summary = try MapImport.apply(set, to: &doc)
            } catch let errors as InputErrors {
                for error in errors.errors { CLI.printError(error.description) }
                CLI.printError(
                    "nothing written: \(errors.errors.count) error\(errors.errors.count == 1 ? "" : "s") in the input")
                throw ExitCode(1)
            }
            let problems = doc.check().filter { $0.severity == .error }
            guard problems.isEmpty else {
                for problem in problems { CLI.printError(problem.formatted(file: path)) }
                CLI.printError("nothing written: the import would leave the map with errors")
                throw ExitCode(1)
            }
        }
        if let into {
            try CLI.edit(into, force: edit.force) { doc in
                try land(&doc, named: into)
                return summary.lines
            }
            return
        }
        let output = output!
        if output != "-" && FileManager.default.fileExists(atPath: output) {
            CLI.printError("\(output): already exists; to add to it use --into \(output), or choose a new file name")
            throw ExitCode(1)
        }
        var doc = MapDocument(text: "map \(Syntax.quote(title ?? set.title ?? defaultTitle))\n")
        try land(&doc, named: output)
        do {
            try OutputFile.write(doc.data, to: output)  // a new file (or -), so it cannot be an input
        } catch let error as MapFileError {
            CLI.printError("\(error)")
            throw ExitCode(1)
        }
        if output != "-" { for line in summary.lines { CLI.say(line) } }
    }
}
