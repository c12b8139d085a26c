import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An XML document as a small tree of elements (local names, attributes, text, line and column), read by
/// Foundation's parser without fetching external entities. A document that declares entities is refused before it
/// is parsed: graph files never need them, and expanding them is how a few bytes become gigabytes.
package final class XMLTree {
    package let name: String
    package let namespace: String?
    package let attributes: [String: String]
    package let line: Int
    package let column: Int
    package fileprivate(set) var children: [XMLTree] = []
    package fileprivate(set) var text = ""

    init(name: String, namespace: String?, attributes: [String: String], line: Int, column: Int) {
        (self.name, self.namespace, self.attributes, self.line, self.column) =
            (name, namespace, attributes, line, column)
    }

    package func child(_ name: String) -> XMLTree? { children.first { $0.name == name } }
    package func children(_ name: String) -> [XMLTree] { children.filter { $0.name == name } }
    /// Every element below this one with that name, in document order.
    package func descendants(_ name: String) -> [XMLTree] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.descendants(name) }
    }

    package func position(_ file: String) -> Position { Position(file, row: line, column: column) }

    /// The root element of `data`; errors name the file, line and column.
    package static func parse(_ data: Data, name: String) throws -> XMLTree {
        if let declared = entityDeclaration(in: data) {
            throw InputError(
                name, row: declared.line, column: declared.column,
                "the file declares XML entities (<!ENTITY …>), which are not read (they can fetch files or expand without bound); save it again from the program that made it"
            )
        }
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let builder = Builder()
        parser.delegate = builder
        let ok = parser.parse()
        if let refused = builder.refused {
            throw InputError(name, row: refused.line, column: refused.column, refused.message)
        }
        guard ok, builder.failed == nil, builder.ended, let root = builder.root else {
            let code = builder.failed?.code ?? parser.parserError.map { ($0 as NSError).code }
            let detail =
                code.map { "XML error \($0)" } ?? (builder.root == nil ? "no root element" : "the file ends too soon")
            throw InputError(
                name, row: max(builder.failed?.line ?? parser.lineNumber, 1),
                column: max(builder.failed?.column ?? parser.columnNumber, 1),
                "not well-formed XML (\(detail)): the file is damaged or is not XML; save it again from the program that made it"
            )
        }
        return root
    }

    /// Where `<!ENTITY` appears in a DOCTYPE before the root element, if it does.
    static func entityDeclaration(in data: Data) -> (line: Int, column: Int)? {
        let bytes = [UInt8](data.prefix(1 << 20))
        guard let doctype = find(Array("<!DOCTYPE".utf8), in: bytes, from: 0) else { return nil }
        guard let entity = find(Array("<!ENTITY".utf8), in: bytes, from: doctype) else { return nil }
        let before = bytes[..<entity]
        let line = before.filter { $0 == 0x0A }.count + 1
        let column = entity - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
        return (line, column)
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
        for i in start...(bytes.count - needle.count) where bytes[i] == needle[0] {
            if Array(bytes[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLTree?
        var stack: [XMLTree] = []
        var refused: (line: Int, column: Int, message: String)?
        var failed: (line: Int, column: Int, code: Int)?
        var ended = false

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let local = name.split(separator: ":").last.map(String.init) ?? name
            var plain: [String: String] = [:]
            for (key, value) in attributes {
                plain[key.split(separator: ":").last.map(String.init) ?? key] = value
            }
            let element = XMLTree(
                name: local, namespace: namespaceURI, attributes: plain, line: parser.lineNumber,
                column: parser.columnNumber)
            if let parent = stack.last { parent.children.append(element) } else if root == nil { root = element }
            stack.append(element)
        }

        func parser(
            _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
        ) {
            // Foundation on Linux reports a mismatched end tag only to a delegate that asks; check it here too.
            let local = name.split(separator: ":").last.map(String.init) ?? name
            if stack.last?.name != local, failed == nil {
                failed = (parser.lineNumber, parser.columnNumber, 76)
                parser.abortParsing()
            }
            _ = stack.popLast()
            if stack.isEmpty { ended = true }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }

        func parser(_ parser: XMLParser, parseErrorOccurred error: Error) {
            failed = failed ?? (parser.lineNumber, parser.columnNumber, (error as NSError).code)
        }

        func parser(_ parser: XMLParser, validationErrorOccurred error: Error) {
            failed = failed ?? (parser.lineNumber, parser.columnNumber, (error as NSError).code)
        }

        func parser(_ parser: XMLParser, foundCDATA data: Data) {
            stack.last?.text += String(decoding: data, as: UTF8.self)
        }

        func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
            refuse(parser)
        }

        func parser(
            _ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?,
            systemID: String?
        ) {
            refuse(parser)
        }

        private func refuse(_ parser: XMLParser) {
            refused = (
                parser.lineNumber, parser.columnNumber,
                "the file declares XML entities, which are not read (they can fetch files or expand without bound)"
            )
            parser.abortParsing()
        }
    }
}
