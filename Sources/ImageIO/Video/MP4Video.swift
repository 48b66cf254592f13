import Glibc
import LatentBasics

/// Writes frames as an MP4 video through the system's `ffmpeg`: H.264 in yuv420p, one video
/// frame per image, at a fixed frame rate.
///
/// The raw pixels go to `ffmpeg` on a socket (so a failing `ffmpeg` is an error here rather
/// than a SIGPIPE), which is started with `posix_spawnp` (no shell). Images of odd width or
/// height are padded by one black column or row, as yuv420p needs even sizes. The file
/// appears atomically: `ffmpeg` writes a temporary file beside it, renamed into place at
/// the end.
package enum MP4Video {
  /// The program run, found on `PATH`.
  package static let program = "ffmpeg"
  /// Frame rates taken, frames per second.
  package static let frameRates = 1...240

  /// Writes `frames` (all of one size and channel count) to `path` at `framesPerSecond`.
  /// - Throws: a ``LatentError`` naming `path` when `ffmpeg` is not installed, or fails
  ///   (with the last line it printed).
  package static func write(_ frames: [Image], framesPerSecond: Int, to path: String)
    throws(LatentError)
  {
    guard let first = frames.first else {
      throw LatentError(.unsupported, path: path, "a video needs at least one frame")
    }
    precondition(frameRates.contains(framesPerSecond), "frame rate \(framesPerSecond)")
    precondition(
      frames.allSatisfy {
        $0.width == first.width && $0.height == first.height && $0.channels == first.channels
      }, "frames of different sizes")
    let temporary = temporaryPath(for: path)
    let arguments = [
      program, "-hide_banner", "-loglevel", "error", "-y",
      "-f", "rawvideo", "-pix_fmt", first.channels == 1 ? "gray" : "rgb24",
      "-s", "\(first.width)x\(first.height)", "-r", "\(framesPerSecond)", "-i", "pipe:0",
      "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v", "libx264", "-pix_fmt", "yuv420p",
      "-r", "\(framesPerSecond)", "-movflags", "+faststart", "-f", "mp4", temporary,
    ]
    do throws(LatentError) {
      try run(arguments, feeding: frames, path: path)
      guard rename(temporary, path) == 0 else {
        throw POSIXFile.failure(path, "cannot move the written video into place")
      }
    } catch {
      unlink(temporary)
      throw error
    }
  }

  /// `.NAME.tmp-PID.mp4` beside `path`.
  private static func temporaryPath(for path: String) -> String {
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    return folder + "." + name + ".tmp-\(getpid()).mp4"
  }

  /// Starts `arguments`, writes every frame's pixels to its standard input and waits for it.
  private static func run(_ arguments: [String], feeding frames: [Image], path: String)
    throws(LatentError)
  {
    var sockets: [Int32] = [-1, -1]
    guard
      socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &sockets)
        == 0
    else { throw POSIXFile.failure(path, "cannot make a socket for \(program)") }
    var template = Array("/tmp/latent-ffmpeg-XXXXXX".utf8CString)
    let log = mkstemp(&template)
    if log >= 0 {
      _ = fcntl(log, F_SETFD, FD_CLOEXEC)
      unlink(
        String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
    defer { if log >= 0 { close(log) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, sockets[1], 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    if log >= 0 { posix_spawn_file_actions_adddup2(&actions, log, 2) }
    var argv = arguments.map { strdup($0) }
    argv.append(nil)
    defer { for pointer in argv { free(pointer) } }
    var child: pid_t = 0
    let status = posix_spawnp(&child, program, &actions, nil, argv, environ)
    close(sockets[1])
    guard status == 0 else {
      close(sockets[0])
      if status == ENOENT {
        throw LatentError(
          .unsupported, path: path,
          "writing MP4 needs \(program), which is not installed: install the package ffmpeg"
            + " (apt-get install ffmpeg)")
      }
      throw LatentError(
        .inputOutput, path: path,
        "cannot start \(program): " + String(cString: strerror(status)))
    }
    var sent = true
    for frame in frames where sent {
      sent = send(frame.pixels, to: sockets[0])
    }
    shutdown(sockets[0], Int32(SHUT_WR))
    close(sockets[0])
    var exitStatus: Int32 = 0
    while waitpid(child, &exitStatus, 0) < 0 && errno == EINTR {}
    let exited = exitStatus & 0x7f == 0
    let code = (exitStatus >> 8) & 0xff
    guard exited, code == 0, sent else {
      let reason = lastLine(of: log)
      throw LatentError(
        .inputOutput, path: path,
        "\(program) failed"
          + (exited ? " (exit status \(code))" : " (killed by signal \(exitStatus & 0x7f))")
          + (reason.isEmpty ? "" : ": " + reason))
    }
  }

  /// Sends all of `bytes` without raising SIGPIPE; false when the reader has gone.
  private static func send(_ bytes: [UInt8], to socket: Int32) -> Bool {
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let count = Glibc.send(
          socket, buffer.baseAddress.map { $0 + offset }, buffer.count - offset,
          Int32(MSG_NOSIGNAL))
        if count < 0 && errno == EINTR { continue }
        guard count > 0 else { return false }
        offset += count
      }
      return true
    }
  }

  /// The last non-empty line of the log file open at `descriptor` (at most 4 KiB read).
  private static func lastLine(of descriptor: Int32) -> String {
    guard descriptor >= 0 else { return "" }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let size = lseek(descriptor, 0, SEEK_END)
    lseek(descriptor, max(0, size - off_t(buffer.count)), SEEK_SET)
    let count = read(descriptor, &buffer, buffer.count)
    guard count > 0 else { return "" }
    let text = String(decoding: buffer.prefix(count), as: UTF8.self)
    return text.split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
  }
}
