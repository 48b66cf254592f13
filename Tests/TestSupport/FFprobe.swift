/// ffmpeg's `ffprobe` (Debian `ffmpeg`, installed by `make test`) on videos the tests write: a
/// reader that is not ours.
public enum FFprobe {
  /// `key=value` lines for the first video stream of the file at `path`: the number of frames
  /// ffprobe decoded (`nb_read_frames`), `width`, `height`, `codec_name` and `pix_fmt`, in the
  /// order ffprobe prints them.
  public static func videoStream(_ path: String) throws -> [String] {
    let output = try ExternalTool.run(
      "ffprobe",
      [
        "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
        "stream=nb_read_frames,width,height,codec_name,pix_fmt", "-of", "default=nw=1", path,
      ], package: "ffmpeg")
    return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
  }
}
