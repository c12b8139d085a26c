#if canImport(Glibc)
    import Glibc
#endif
import Foundation

/// A TCP connection to a server on 127.0.0.1, as the room's tests and benchmark open them (Foundation on
/// Linux has no streaming client). The caller owns and closes the descriptor.
package enum LoopbackSocket {
    package struct ConnectFailed: Error, CustomStringConvertible {
        package let description: String
    }

    /// A connected socket whose every read gives up after `timeoutSeconds`; `noDelay` sends small writes
    /// at once (TCP_NODELAY).
    package static func connect(port: Int, timeoutSeconds: Int, noDelay: Bool = false) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        if noDelay {
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw ConnectFailed(description: "cannot connect to 127.0.0.1:\(port): \(reason)")
        }
        return fd
    }
}
