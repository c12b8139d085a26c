import Foundation

/// JSON read with each value's place in the file, so a skipped record can be named by line and column (or, in a
/// file on one line, by its path). Numbers keep their text: a latitude stays as the feed wrote it.
struct JSONNode {
    enum Value {
        case object([String: JSONNode])
        case array([JSONNode])
        case string(String)
        case number(String)
        case bool(Bool)
        case null
    }
    var value: Value
    /// Byte offset of the value's first character.
    var offset: Int

    subscript(key: String) -> JSONNode? {
        if case .object(let members) = value { return members[key] }
        return nil
    }

    var object: [String: JSONNode]? {
        if case .object(let members) = value { return members }
        return nil
    }

    var array: [JSONNode]? {
        if case .array(let items) = value { return items }
        return nil
    }

    /// A string or number as text; nil for null, empty strings, objects and arrays.
    var text: String? {
        switch value {
        case .string(let text): return text.isEmpty ? nil : text
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    var int: Int? { text.flatMap { Int($0) ?? Double($0).map { Int($0) } } }

    var bool: Bool? {
        if case .bool(let flag) = value { return flag }
        return nil
    }
}

/// One JSON file, parsed; places in it as `FILE:LINE:COLUMN` (a pretty-printed file) or `FILE:PATH` (one line).
struct JSONFile {
    let name: String
    let root: JSONNode
    private let lineStarts: [Int]

    init(_ data: Data, name: String) throws {
        self.name = name
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var starts = [0]
        for (i, byte) in bytes.enumerated() where byte == 0x0A { starts.append(i + 1) }
        lineStarts = starts
        var parser = JSONParser(bytes: bytes)
        do {
            root = try parser.document()
        } catch let error as JSONParser.Failure {
            let (line, column) = Self.lineAndColumn(error.offset, starts)
            throw InputError(name, row: line, column: column, "not JSON: \(error.message)")
        }
    }

    /// More than one line holding text: positions by line and column read well; otherwise a JSON path does.
    var isPretty: Bool { lineStarts.count > 2 }

    func place(_ node: JSONNode, path: String) -> String {
        if isPretty {
            let (line, column) = Self.lineAndColumn(node.offset, lineStarts)
            return "\(name):\(line):\(column)"
        }
        return "\(name):\(path)"
    }

    func position(_ node: JSONNode) -> Position {
        let (line, column) = Self.lineAndColumn(node.offset, lineStarts)
        return Position(name, row: line, column: column)
    }

    private static func lineAndColumn(_ offset: Int, _ starts: [Int]) -> (Int, Int) {
        var low = 0, high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return (low + 1, offset - starts[low] + 1)
    }
}

/// A strict RFC 8259 reader, nesting bounded so a hostile file cannot exhaust the stack.
struct JSONParser {
    struct Failure: Error {
        var offset: Int
        var message: String
    }
    let bytes: [UInt8]
    var i = 0
    var depth = 0
    static let maximumDepth = InputLimits.jsonDepth

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func document() throws -> JSONNode {
        skipBlanks()
        let value = try parseValue()
        skipBlanks()
        if i < bytes.count { throw Failure(offset: i, message: "unexpected text after the JSON value") }
        return value
    }

    private mutating func skipBlanks() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    private mutating func parseValue() throws -> JSONNode {
        guard i < bytes.count else { throw Failure(offset: i, message: "the file ends where a value was expected") }
        let start = i
        switch bytes[i] {
        case UInt8(ascii: "{"):
            depth += 1
            defer { depth -= 1 }
            if depth > Self.maximumDepth { throw Failure(offset: i, message: "nested too deeply") }
            i += 1
            var members: [String: JSONNode] = [:]
            skipBlanks()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
                i += 1
                return JSONNode(value: .object(members), offset: start)
            }
            while true {
                skipBlanks()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
                    throw Failure(offset: i, message: "expected a member name in quotes")
                }
                let key = try parseString()
                skipBlanks()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
                    throw Failure(offset: i, message: "expected ':' after a member name")
                }
                i += 1
                skipBlanks()
                members[key] = try parseValue()
                skipBlanks()
                guard i < bytes.count else { throw Failure(offset: i, message: "the file ends inside an object") }
                if bytes[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                if bytes[i] == UInt8(ascii: "}") {
                    i += 1
                    return JSONNode(value: .object(members), offset: start)
                }
                throw Failure(offset: i, message: "expected ',' or '}' in an object")
            }
        case UInt8(ascii: "["):
            depth += 1
            defer { depth -= 1 }
            if depth > Self.maximumDepth { throw Failure(offset: i, message: "nested too deeply") }
            i += 1
            var items: [JSONNode] = []
            skipBlanks()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
                i += 1
                return JSONNode(value: .array(items), offset: start)
            }
            while true {
                skipBlanks()
                items.append(try parseValue())
                skipBlanks()
                guard i < bytes.count else { throw Failure(offset: i, message: "the file ends inside a list") }
                if bytes[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                if bytes[i] == UInt8(ascii: "]") {
                    i += 1
                    return JSONNode(value: .array(items), offset: start)
                }
                throw Failure(offset: i, message: "expected ',' or ']' in a list")
            }
        case UInt8(ascii: "\""):
            return JSONNode(value: .string(try parseString()), offset: start)
        case UInt8(ascii: "t"): try word("true"); return JSONNode(value: .bool(true), offset: start)
        case UInt8(ascii: "f"): try word("false"); return JSONNode(value: .bool(false), offset: start)
        case UInt8(ascii: "n"): try word("null"); return JSONNode(value: .null, offset: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            while i < bytes.count,
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i])
                    || [UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")]
                        .contains(bytes[i])
            {
                i += 1
            }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            guard Double(text) != nil else { throw Failure(offset: start, message: "'\(text)' is not a number") }
            return JSONNode(value: .number(text), offset: start)
        default:
            throw Failure(offset: i, message: "unexpected character '\(Unicode.Scalar(bytes[i]))'")
        }
    }

    private mutating func word(_ text: String) throws {
        let expected = Array(text.utf8)
        guard i + expected.count <= bytes.count, Array(bytes[i..<i + expected.count]) == expected else {
            throw Failure(offset: i, message: "unexpected text (expected \(text))")
        }
        i += expected.count
    }

    private mutating func parseString() throws -> String {
        let start = i
        i += 1
        var plainStart = i
        var result = ""
        var hasEscapes = false
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                let tail = String(decoding: bytes[plainStart..<i], as: UTF8.self)
                i += 1
                return hasEscapes ? result + tail : tail
            }
            if byte < 0x20 { throw Failure(offset: i, message: "a control character inside a string") }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                result += String(decoding: bytes[plainStart..<i], as: UTF8.self)
                i += 1
                guard i < bytes.count else { break }
                switch bytes[i] {
                case UInt8(ascii: "\""): result += "\""
                case UInt8(ascii: "\\"): result += "\\"
                case UInt8(ascii: "/"): result += "/"
                case UInt8(ascii: "b"): result += "\u{8}"
                case UInt8(ascii: "f"): result += "\u{C}"
                case UInt8(ascii: "n"): result += "\n"
                case UInt8(ascii: "r"): result += "\r"
                case UInt8(ascii: "t"): result += "\t"
                case UInt8(ascii: "u"):
                    var unit = try hex4(at: i + 1)
                    i += 4
                    if (0xD800...0xDBFF).contains(unit), i + 6 < bytes.count, bytes[i + 1] == UInt8(ascii: "\\"),
                        bytes[i + 2] == UInt8(ascii: "u")
                    {
                        let low = try hex4(at: i + 3)
                        if (0xDC00...0xDFFF).contains(low) {
                            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                            i += 6
                        }
                    }
                    result.unicodeScalars.append(Unicode.Scalar(unit) ?? "\u{FFFD}")
                default: throw Failure(offset: i, message: "an unknown escape in a string")
                }
                i += 1
                plainStart = i
                continue
            }
            i += 1
        }
        throw Failure(offset: start, message: "a string is not closed")
    }

    private func hex4(at index: Int) throws -> UInt32 {
        guard index + 4 <= bytes.count,
            let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else { throw Failure(offset: index, message: "a bad \\u escape") }
        return value
    }
}
