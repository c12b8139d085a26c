import Foundation

/// A map file read the slow, obvious way, from docs/FORMAT.md alone and sharing no code with the loader:
/// what the fast loader, the incremental edits and every edit command are compared against. It reads
/// Strings character by character and says what the format's documentation says, no more.
package struct ReferenceMap: Equatable, Sendable {
    package struct Attribute: Equatable, Sendable, CustomStringConvertible {
        package var key: String
        package var value: String
        package var description: String { "\(key)=\(value.debugDescription)" }
    }

    /// A record, `line` 1-based.
    package struct Record: Equatable, Sendable, CustomStringConvertible {
        /// "map", "kind", "node" or "edge".
        package var type: String
        /// map: [title]; kind: [name, plural]; node: [kind, id, label]; edge: [from, to, relation].
        package var fields: [String]
        package var attributes: [Attribute]
        package var line: Int
        package var description: String { "\(line): \(type) \(fields) \(attributes)" }
    }

    /// A mistake: its line, and its column (1-based, in characters) where the documentation says where it is.
    package struct Mistake: Equatable, Sendable, CustomStringConvertible {
        package var line: Int
        package var column: Int?
        package var description: String { column.map { "\(line):\($0)" } ?? "\(line)" }
    }

    /// Every record that reads, in file order.
    package var records: [Record] = []
    /// Syntax mistakes, by line: one a line at the most.
    package var mistakes: [Mistake] = []
    /// Lines holding a control character, at the first one (`check` reports these).
    package var controls: [Mistake] = []
    /// Lines the documentation leaves open (a node of a kind that only a broken declaration names): a
    /// comparison skips what is on them.
    package var undefinedLines: Set<Int> = []
}

package enum ReferenceParser {
    package static let builtinKinds: Set<String> = ["community", "organisation", "place", "barrier", "improvement"]

    /// The map in `data`, or nil when it is not UTF-8 (the format refuses the whole file).
    package static func read(_ data: Data) -> ReferenceMap? {
        guard var text = String(validating: data, as: UTF8.self) else { return nil }
        // "A byte-order mark at the start is read past and kept."
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        // Split on LF by scalars (a CRLF is one Character to Swift); the CR of a CRLF ends the line with it.
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.last == "\r" ? String(String.UnicodeScalarView($0.dropLast())) : String(String.UnicodeScalarView($0))
        }
        if text.unicodeScalars.last == "\n" || text.isEmpty { lines.removeLast() }
        return read(lines: lines)
    }

    package static func read(lines: [String]) -> ReferenceMap {
        var map = ReferenceMap()
        for (i, line) in lines.enumerated() {
            if let column = firstControl(line) { map.controls.append(.init(line: i + 1, column: column)) }
        }
        // A kind may be declared anywhere, before or after its nodes.
        var wellDeclared: Set<String> = []
        var namedByBrokenDeclarations: Set<String> = []
        for line in lines where isRecordLine(line) {
            guard case .success(let tokens) = tokenize(line), tokens.count >= 2, tokens[0] == .word("kind"),
                case .word(let name) = tokens[1]
            else {
                // A declaration broken before its name ends: the name it meant is not known either.
                if case .failure = tokenize(line), line.hasPrefix("kind ") || line.hasPrefix("kind\t") {
                    if let name = line.dropFirst(5).split(whereSeparator: { $0 == " " || $0 == "\t" }).first {
                        namedByBrokenDeclarations.insert(
                            String(String.UnicodeScalarView(name.unicodeScalars.prefix { isIDCharacter($0) })))
                    }
                }
                continue
            }
            if tokens.count == 3, case .label = tokens[2], name != "map", name != "kind" {
                wellDeclared.insert(name)
            } else {
                namedByBrokenDeclarations.insert(name)
            }
        }
        namedByBrokenDeclarations.subtract(wellDeclared)

        // What the indented lines under the current record belong to.
        enum Owner { case none, broken, kindLine, record(Int) }
        var owner = Owner.none
        var lastWasAttribute = false
        var declared = builtinKinds
        var hasHeader = false
        func mistake(_ i: Int, _ column: Int? = nil) { map.mistakes.append(.init(line: i + 1, column: column)) }

        for (i, line) in lines.enumerated() {
            let scalars = line.unicodeScalars
            let trimmed = scalars.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.first == "#" { continue }  // blank lines and comments end nothing
            if trimmed.count < scalars.count {
                // Indented: an attribute, or the continuation of one.
                switch owner {
                case .broken: continue  // "a broken record is skipped together with its attributes"
                case .none, .kindLine:
                    mistake(i)
                    lastWasAttribute = false
                    continue
                case .record(let r):
                    if trimmed.first == "+" {
                        guard lastWasAttribute else {
                            mistake(i)
                            continue
                        }
                        var rest = trimmed.dropFirst()
                        if rest.first == " " { rest = rest.dropFirst() }
                        let count = map.records[r].attributes.count
                        map.records[r].attributes[count - 1].value += "\n" + String(String.UnicodeScalarView(rest))
                        continue
                    }
                    let key = trimmed.prefix { isKeyCharacter($0) }
                    let indent = scalars.count - trimmed.count  // blanks are one column each
                    guard let first = key.first, first.value >= 97 && first.value <= 122 else {
                        mistake(i, indent + 1)
                        lastWasAttribute = false
                        continue
                    }
                    guard trimmed.dropFirst(key.count).first == ":" else {
                        mistake(i, indent + key.count + 1)
                        lastWasAttribute = false
                        continue
                    }
                    let value = trimmed.dropFirst(key.count + 1).drop { $0 == " " || $0 == "\t" }
                    let end =
                        value.lastIndex { $0 != " " && $0 != "\t" }.map { value.index(after: $0) } ?? value.startIndex
                    map.records[r].attributes.append(
                        .init(
                            key: String(String.UnicodeScalarView(key)),
                            value: String(String.UnicodeScalarView(value[..<end]))))
                    lastWasAttribute = true
                }
                continue
            }
            lastWasAttribute = false
            owner = .broken
            let tokens: [Token]
            switch tokenize(line) {
            case .failure(let failure):
                mistake(i, failure.column)
                continue
            case .success(let read): tokens = read
            }
            func word(_ k: Int) -> String? {
                if k < tokens.count, case .word(let w) = tokens[k] { return w }
                return nil
            }
            func label(_ k: Int) -> String? {
                if k < tokens.count, case .label(let l) = tokens[k] { return l }
                return nil
            }
            if tokens.count == 2, word(0) == "map", let title = label(1) {
                if hasHeader {
                    mistake(i)
                    continue
                }
                hasHeader = true
                map.records.append(.init(type: "map", fields: [title], attributes: [], line: i + 1))
            } else if tokens.count == 3, word(0) == "kind", let name = word(1), let plural = label(2) {
                guard name != "map", name != "kind", !declared.contains(name) else {
                    mistake(i)
                    continue
                }
                declared.insert(name)
                map.records.append(.init(type: "kind", fields: [name, plural], attributes: [], line: i + 1))
                owner = .kindLine
                continue
            } else if tokens.count == 4, let from = word(0), tokens[1] == .arrow, let to = word(2),
                let relation = word(3) ?? label(3)
            {
                map.records.append(.init(type: "edge", fields: [from, to, relation], attributes: [], line: i + 1))
            } else if tokens.count == 3, let kind = word(0), kind != "map", kind != "kind", let id = word(1),
                let label = label(2)
            {
                if namedByBrokenDeclarations.contains(kind) {
                    map.undefinedLines.insert(i + 1)
                    continue
                }
                guard wellDeclared.contains(kind) || builtinKinds.contains(kind) else {
                    mistake(i, 1)
                    continue
                }
                map.records.append(.init(type: "node", fields: [kind, id, label], attributes: [], line: i + 1))
            } else {
                if let kind = word(0), namedByBrokenDeclarations.contains(kind) { map.undefinedLines.insert(i + 1) }
                mistake(i)
                continue
            }
            owner = .record(map.records.count - 1)
        }
        return map
    }

    enum Token: Equatable {
        case word(String), label(String), arrow
    }

    /// A record line's words, labels and arrows; or the column of the first character that cannot be read.
    static func tokenize(_ line: String) -> Result<[Token], Failure> {
        // Unicode scalars, not Characters: a quote followed by a combining mark is still a quote.
        let characters = Array(line.unicodeScalars)
        func column(_ i: Int) -> Int { String(String.UnicodeScalarView(characters[0..<i])).count + 1 }
        var tokens: [Token] = []
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c == " " || c == "\t" {
                i += 1
            } else if c == "-" && i + 1 < characters.count && characters[i + 1] == ">" {
                tokens.append(.arrow)
                i += 2
            } else if c == "\"" {
                let start = i
                var label = String.UnicodeScalarView()
                i += 1
                var closed = false
                while i < characters.count {
                    if characters[i] == "\"" {
                        closed = true
                        i += 1
                        break
                    }
                    if characters[i] == "\\" {
                        // Only \" and \\.
                        guard i + 1 < characters.count, characters[i + 1] == "\"" || characters[i + 1] == "\\" else {
                            return .failure(Failure(column: column(i)))
                        }
                        label.append(characters[i + 1])
                        i += 2
                        continue
                    }
                    label.append(characters[i])
                    i += 1
                }
                guard closed else { return .failure(Failure(column: column(start))) }
                tokens.append(.label(String(label)))
            } else if isIDStart(c) {
                var word = String.UnicodeScalarView()
                while i < characters.count, isIDCharacter(characters[i]),
                    !(characters[i] == "-" && i + 1 < characters.count && characters[i + 1] == ">")
                {
                    word.append(characters[i])
                    i += 1
                }
                tokens.append(.word(String(word)))
            } else {
                return .failure(Failure(column: column(i)))
            }
        }
        return .success(tokens)
    }

    struct Failure: Error { var column: Int }

    static func isRecordLine(_ line: String) -> Bool {
        guard let first = line.first else { return false }
        return first != " " && first != "\t" && first != "#"
    }

    /// Ids: letters A–Z a–z, digits, `_`, and after the first character also `.` and `-`.
    static func isIDStart(_ c: Unicode.Scalar) -> Bool {
        let a = c.value
        return (a >= 65 && a <= 90) || (a >= 97 && a <= 122) || (a >= 48 && a <= 57) || c == "_"
    }

    static func isIDCharacter(_ c: Unicode.Scalar) -> Bool { isIDStart(c) || c == "." || c == "-" }

    /// Keys: lower case letters, digits, `_` and `-`.
    static func isKeyCharacter(_ c: Unicode.Scalar) -> Bool {
        let a = c.value
        return (a >= 97 && a <= 122) || (a >= 48 && a <= 57) || c == "_" || c == "-"
    }

    /// The column of the first control character: C0 but tab, DEL, and C1 (U+0080–U+009F).
    static func firstControl(_ line: String) -> Int? {
        var column = 1
        for character in line {
            if character.unicodeScalars.contains(where: {
                ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F || (0x80...0x9F).contains($0.value)
            }) {
                return column
            }
            column += 1
        }
        return nil
    }
}
