import Foundation

// The libFuzzer entry point, compiled together with AssetMapCore's sources by script/fuzz (one module,
// so internal API is reachable). Any input: load, check, fmt and random incremental edits, with the
// invariants below; a broken one stops the fuzzer with the input saved as crash-*.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    FuzzTarget.run(bytes)
    return 0
}

enum FuzzTarget {
    static func run(_ bytes: [UInt8]) {
        let data = Data(bytes)
        guard let document = try? MapDocument(data: data) else {
            require(String(validating: bytes, as: UTF8.self) == nil, "valid UTF-8 refused")
            require(ReferenceParser.read(data) == nil, "the reference parser reads a file the loader refuses")
            return
        }
        require(document.data == data, "an unedited document does not save the same bytes")
        let lineCount = document.lines.count
        let diagnostics = document.check()
        for diagnostic in diagnostics {
            require(
                diagnostic.line >= 1 && diagnostic.line <= lineCount + 1 && diagnostic.column >= 1,
                "diagnostic out of the file: \(diagnostic)")
            require(
                Escaping.isPrintable(diagnostic.message),
                "diagnostic with a raw control character or line break: \(diagnostic)")
        }
        // Read in two parts at once (as a long map is), it reads as in one.
        let inParts = Parser.load(data, validate: true, partsFrom: 1)
        require(
            inParts.map { RandomEdits.difference($0.graph, document.graph) == nil } == true,
            "read in parts, the map reads otherwise")
        require(
            notesControlsExactly(document.lines) && inParts.map { notesControlsExactly($0.lines) } == true,
            "the lines noted as holding a control character are not those holding one")
        // Record lines of the usual shapes are read without the lexer: read with it, the map reads the same.
        let lexed = Parser.load(data, validate: true, usualShapes: false)
        require(
            lexed.map { RandomEdits.difference($0.graph, document.graph) == nil } == true,
            "read with the lexer alone, the map reads otherwise")
        checkFormatting(document, hasErrors: diagnostics.contains { $0.severity == .error })
        checkEdits(document, seed: MapFile.contentHash(data), bytes: bytes)
    }

    /// fmt keeps the meaning and the line count, and formatting twice changes nothing more, on every map `fmt`
    /// writes: those without errors. (On one with a lone CR, an error, the file's last line can read two ways.)
    static func checkFormatting(_ document: MapDocument, hasErrors: Bool) {
        guard let change = try? document.formatting() else {
            require(!document.graph.syntaxErrors.isEmpty, "formatting refused a map without syntax errors")
            return
        }
        if hasErrors { return }
        var formatted = document
        formatted.apply(change)
        require(formatted.lines.count == document.lines.count, "fmt changed the number of lines")
        require(meaning(formatted) == meaning(document), "fmt changed the meaning")
        let reparsed = MapDocument(text: formatted.text)
        require(meaning(reparsed) == meaning(document), "the formatted text parses to another meaning")
        require((try? reparsed.formatting())?.splices.isEmpty == true, "fmt is not idempotent")
    }

    /// Random edits (values taken from the input too) keep the incremental graph equal to a full parse.
    static func checkEdits(_ document: MapDocument, seed: UInt64, bytes: [UInt8]) {
        var document = document
        var random = SeededRandom(seed: seed)
        let fromInput = String(decoding: bytes.prefix(64), as: UTF8.self).split(separator: "\n").prefix(3).map(
            String.init)
        for step in 0..<3 {
            let mismatches = RandomEdits.step(
                &document, &random, step: step, values: RandomEdits.defaultValues + fromInput)
            require(mismatches.isEmpty, "incremental edit differs from a full parse: \(mismatches)")
            require(
                notesControlsExactly(document.lines),
                "after an edit, the lines noted as holding a control character are not those holding one")
        }
    }

    /// The load's (and edits') note of lines holding a control character, against each line tested alone.
    static func notesControlsExactly(_ lines: MapLines) -> Bool {
        lines.indicesOfLinesHoldingControls()
            == lines.withReader { reader in lines.indices.filter { Escaping.hasControl(reader[$0]) } }
    }

    static func meaning(_ document: MapDocument) -> String {
        let graph = document.graph
        func attributes(_ list: [Attribute]) -> String { list.map { "\($0.key)=\($0.value)" }.joined(separator: "|") }
        var out = "map \(graph.header.map { "\($0.title) \(attributes($0.attributes))" } ?? "-")\n"
        out += graph.kinds.map { "kind \($0.name) \($0.plural)" }.joined(separator: "\n")
        for node in graph.nodes { out += "\nnode \(node.kind) \(node.id) \(node.label) \(attributes(node.attributes))" }
        for edge in graph.edges {
            out += "\nedge \(edge.from) \(edge.to) \(edge.relation) \(attributes(edge.attributes))"
        }
        return out + "\nerrors \(graph.syntaxErrors.count)"
    }

    static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("invariant broken: \(message())") }
    }
}
