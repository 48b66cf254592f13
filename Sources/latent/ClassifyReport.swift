import Classification
import FaceVAE
import Recognition
import LatentBasics

/// The text `latent classify` prints: what was measured, the accuracy table (without and with
/// generated faces, mean ± sd [min–max] over the runs), a plain verdict on augmentation, and the
/// first run's recall per class and most frequent confusions.
struct ClassifyReport {
  let results: RecognitionResults
  let settings: RecognitionSettings
  let modelName: String
  let dataName: String
  let target: RecognitionTarget

  /// The whole report, lines ending in a newline.
  var text: String {
    (header + [""] + table + [""] + verdicts + [""] + details).map { $0 + "\n" }.joined()
  }

  private var header: [String] {
    let r = results
    let seeds =
      r.splitSeeds.count > 1 && !settings.fixedSplit
      ? "seeds \(r.splitSeeds[0])–\(r.splitSeeds[r.splitSeeds.count - 1]), a new split each run"
      : "the split of seed \(settings.seed)\(settings.runs > 1 ? " in all \(settings.runs) runs" : "")"
    var lines = [
      "\(modelName) on \(dataName), classes by \(target): \(r.images) images, \(r.classLabels.count) classes"
        + (r.unlabelledImages > 0
          ? " (\(r.unlabelledImages) images without a class left out)" : ""),
      "split: \(percent(settings.testFraction)) of each class for test: \(r.trainImages) train / "
        + "\(r.testImages) test images; \(settings.runs) run\(settings.runs == 1 ? "" : "s"), \(seeds)",
    ]
    if settings.augment > 0 {
      lines.append(
        "augmentation: \(settings.augment) generated faces per train image (\(r.generatedImages) added): "
          + "codes drawn from q(z|x), decoded and encoded again")
    }
    lines.append(
      "chance: \(fraction(chance)) (always guessing the largest class of the test images)")
    return lines
  }

  /// The share of test images in the largest class of the first run.
  private var chance: Double {
    guard let report = results.firstRunReports.values.first, report.total > 0 else { return 0 }
    let largest = (0..<report.classes).map(report.support(of:)).max() ?? 0
    return Double(largest) / Double(report.total)
  }

  private var table: [String] {
    let augmented = settings.augment > 0
    var lines = [
      "test accuracy, mean ± sd [min–max] over \(settings.runs) run\(settings.runs == 1 ? "" : "s"):",
      pad("features", 9) + pad("method", 10) + pad("without augmentation", 28)
        + (augmented
          ? pad("with \(settings.augment) generated/image", 28) + "change (points)" : ""),
    ]
    for features in RecognitionCondition.Features.allCases {
      for method in settings.methods {
        let plain = RecognitionCondition(features: features, method: method, augmented: false)
        guard let without = results.spread(plain) else { continue }
        var line = pad(features.rawValue, 9) + pad(method.rawValue, 10) + pad(describe(without), 28)
        if augmented,
          let with = results.spread(
            RecognitionCondition(features: features, method: method, augmented: true)),
          let gain = results.augmentationGain(features: features, method: method)
        {
          line += pad(describe(with), 28) + points(gain)
        }
        lines.append(line)
      }
    }
    return lines
  }

  /// One sentence per classifier on whether generated faces helped, and a summary.
  private var verdicts: [String] {
    guard settings.augment > 0 else {
      return ["no generated faces were added (--augment N compares with and without them)"]
    }
    var lines = ["do generated faces help? (better: mean change above twice its standard error)"]
    var helped = [String]()
    for features in RecognitionCondition.Features.allCases {
      for method in settings.methods {
        guard let gain = results.augmentationGain(features: features, method: method) else {
          continue
        }
        let name = "\(features.rawValue) \(method.rawValue)"
        let better = gain.values.filter { $0 > 0 }.count
        let worse = gain.values.filter { $0 < 0 }.count
        let counts = "better in \(better), worse in \(worse) of \(gain.values.count) runs"
        let verdict: String
        if gain.values.count < 2 {
          verdict = "one run only, cannot judge"
        } else if gain.mean > 2 * gain.standardError && gain.mean > 0 {
          verdict = "yes"
          helped.append(name)
        } else if gain.mean < -2 * gain.standardError && gain.mean < 0 {
          verdict = "no, it hurts"
        } else {
          verdict = "no clear difference"
        }
        lines.append("  \(pad(name, 16)) \(verdict): \(signed(gain.mean * 100)) points (\(counts))")
      }
    }
    lines.append(
      helped.isEmpty
        ? "Generated faces did not improve any classifier here."
        : "Generated faces improved: \(helped.joined(separator: ", ")).")
    return lines
  }

  /// Recall per class and confusions of the first run, for the latent classifiers without augmentation.
  private var details: [String] {
    var lines = [
      "first run (seed \(results.splitSeeds.first ?? settings.seed)), latent codes, without augmentation:"
    ]
    for method in settings.methods {
      guard
        let report = results.firstRunReports[
          RecognitionCondition(features: .latent, method: method, augmented: false)]
      else { continue }
      lines.append("  \(method.rawValue): recall per class (class:recall)")
      let cells = (0..<report.classes).map { c in
        "\(results.className(c)):"
          + (report.recall(of: c).map { String(format: "%.2f", $0) } ?? "–")
      }
      lines += wrap(cells, width: 96).map { "    " + $0 }
      let confusions = report.confusions.prefix(8).map {
        "\(results.className($0.truth)) → \(results.className($0.predicted)) ×\($0.count)"
      }
      lines.append(
        "  \(method.rawValue): most frequent confusions (true → predicted): "
          + (confusions.isEmpty ? "none" : confusions.joined(separator: ", ")))
    }
    return lines
  }

  private func describe(_ spread: Spread) -> String {
    spread.values.count > 1
      ? String(
        format: "%.3f ± %.3f [%.3f–%.3f]", spread.mean, spread.standardDeviation, spread.minimum,
        spread.maximum)
      : fraction(spread.mean)
  }

  private func points(_ gain: Spread) -> String {
    gain.values.count > 1
      ? "\(signed(gain.mean * 100)) ± \(String(format: "%.1f", gain.standardDeviation * 100))"
      : signed(gain.mean * 100)
  }

  private func signed(_ value: Double) -> String { String(format: "%+.1f", value) }
  private func fraction(_ value: Double) -> String { String(format: "%.3f", value) }
  private func percent(_ value: Double) -> String { String(format: "%g%%", value * 100) }
  private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text.padded(to: width)
  }

  /// `cells` joined by spaces into lines of at most `width` characters.
  private func wrap(_ cells: [String], width: Int) -> [String] {
    var lines = [String]()
    var current = ""
    for cell in cells {
      if !current.isEmpty && current.count + 1 + cell.count > width {
        lines.append(current)
        current = ""
      }
      current += (current.isEmpty ? "" : " ") + cell
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }
}
