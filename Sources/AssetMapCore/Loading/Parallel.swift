import Foundation
import Synchronization

/// The one way the program uses more than one core: independent parts, each making its own result. What the
/// parts capture and return is Sendable, checked by the compiler; a part that must write its own piece of a
/// shared buffer gets it as a type of its own saying why no other part touches it (`Parser.Room`, `EdgeHalf`).
package enum Parallel {
    /// `body(0)`, …, `body(count - 1)`, at once when `parallel` (else in turn); the results in order.
    package static func map<T: Sendable>(_ count: Int, parallel: Bool = true, _ body: @Sendable (Int) -> T) -> [T] {
        guard parallel && count > 1 else { return (0..<count).map(body) }
        let results = Mutex([T?](repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { part in
            let result = body(part)
            results.withLock { $0[part] = result }
        }
        return results.withLock { $0.map { $0! } }
    }

    /// Runs `first` on `a` and `second` on `b`, at once when `parallel`: each array is moved to its thread and
    /// back (not copied), so each is changed in place by one thread only.
    package static func both<A: Sendable, B: Sendable>(
        _ a: inout [A], _ first: @Sendable (inout [A]) -> Void,
        _ b: inout [B], _ second: @Sendable (inout [B]) -> Void,
        parallel: Bool
    ) {
        guard parallel else { first(&a); second(&b); return }
        let left = Mutex(take(&a)), right = Mutex(take(&b))
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 { left.withLock { first(&$0) } } else { right.withLock { second(&$0) } }
        }
        a = left.withLock { take(&$0) }
        b = right.withLock { take(&$0) }
    }

    /// `array`'s storage, leaving it empty: the one reference to it, so changing it copies nothing.
    private static func take<E>(_ array: inout [E]) -> [E] {
        var taken: [E] = []
        swap(&taken, &array)
        return taken
    }
}
