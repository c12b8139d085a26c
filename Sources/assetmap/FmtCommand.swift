import ArgumentParser
import AssetMapCore

struct FmtCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Normalise indentation, spacing and quoting; never reorder records or drop comments.",
        discussion: "A file with syntax errors is left alone. With --check nothing is written; files that would change are listed and the exit status is 1.")

    @Flag(help: "Only list the files that would change.")
    var check = false

    @Argument(help: "The map files to format in place.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one map file") }
    }

    func run() throws {
        var failed = false
        for file in files {
            var doc: MapDocument
            switch CLI.load(file) {
            case .failure(let failure):
                CLI.printError(failure.diagnostic.formatted(file: file))
                failed = true
                continue
            case .success(let loaded): doc = loaded
            }
            let change: Change
            do {
                change = try doc.formatting()
            } catch let refused as MapDocument.FormatRefused {
                for diagnostic in refused.diagnostics { CLI.printError(diagnostic.formatted(file: file)) }
                CLI.printError("\(file): not formatted: fix the syntax errors first")
                failed = true
                continue
            }
            if change.splices.isEmpty { continue }
            if check {
                print(file)
                failed = true
                continue
            }
            doc.apply(change)
            do {
                try MapFile.write(doc.data, to: file)
                print("formatted \(file)")
            } catch {
                CLI.printError("\(error)")
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}
