import FaceData
import FaceVAE
import Foundation
import BackgroundWork
import LatentUI
import TestSupport
import Testing
import ImageIO

/// The decoder and the training queue, driven to completion (no timing involved).
@Suite("Background work", .serialized)
struct BackgroundWorkTests {
  let config = try! VAEConfig.mlp(width: 8, height: 8, hidden: 16, latent: 3)

  func faces(_ count: Int) -> FaceDataset {
    SyntheticFaces.dataset(count: count, width: 8, height: 8, channels: 1, seed: 5)
  }

  @Test func decoderKeepsOnlyTheNewestRequestPerSlot() throws {
    let vae = try VariationalAutoencoder(config: config, seed: 1)
    let decoder = try FaceDecoder(config: config, weights: vae.weightValues(), dataset: faces(4))
    for serial in 1...200 {
      decoder.submit(
        DecodeRequest(
          slot: .face, serial: serial, work: .codes(LatentCodes(row: [Float(serial) / 100, 0, 0]))))
    }
    decoder.submit(DecodeRequest(slot: .browse, serial: 201, work: .reconstruct([0, 2])))
    decoder.waitUntilIdle()
    let results = decoder.takeResults()
    let faces = results.filter { $0.slot == .face }
    // Waiting requests are replaced, never queued behind newer ones: results only move forward
    // and end at the newest.
    #expect(zip(faces, faces.dropFirst()).allSatisfy { $0.serial < $1.serial })
    #expect(faces.last?.serial == 200)
    #expect(faces.allSatisfy { $0.images.count == 1 && $0.images[0].width == 8 })
    let browse = try #require(results.first { $0.slot == .browse })
    #expect(browse.images.count == 2 && browse.originals.count == 2 && browse.codes.count == 2)
    #expect(decoder.takeResults().isEmpty)
  }

  /// The ±2σ previews are decoded, after every face request waiting with them.
  @Test func decoderDecodesPreviewsAfterTheOtherSlots() throws {
    let vae = try VariationalAutoencoder(config: config, seed: 1)
    let decoder = try FaceDecoder(config: config, weights: vae.weightValues(), dataset: faces(4))
    for serial in 1...50 {
      decoder.submit(
        DecodeRequest(slot: .face, serial: serial, work: .codes(LatentCodes(row: [0, 0, 0]))))
    }
    var pair = LatentCodes(dimensions: 3)
    pair.append([-2, 0, 0])
    pair.append([2, 0, 0])
    decoder.submit(DecodeRequest(slot: .preview, serial: 51, work: .codes(pair)))
    decoder.waitUntilIdle()
    let results = decoder.takeResults()
    let preview = try #require(results.last)
    #expect(preview.slot == .preview && preview.images.count == 2)
    #expect(preview.images[0] != preview.images[1])
    #expect(results.filter { $0.slot == .face }.last?.serial == 50)
  }

  /// A reconstruction of many faces runs in pieces: a face requested while it runs comes
  /// back before it ends, and the pieces add up to the faces, originals and codes of the
  /// whole request, in order.
  @Test func aFaceRequestedDuringALongReconstructionDoesNotWaitForItsEnd() throws {
    let config = try VAEConfig.conv(size: 32, channels: 1, latent: 4)
    let vae = try VariationalAutoencoder(config: config, seed: 1)
    let dataset = SyntheticFaces.dataset(count: 96, width: 32, height: 32, channels: 1, seed: 5)
    let decoder = try FaceDecoder(config: config, weights: vae.weightValues(), dataset: dataset)
    let items = Array((0..<96).reversed())
    decoder.submit(DecodeRequest(slot: .heldOut, serial: 1, work: .reconstruct(items)))
    Thread.sleep(forTimeInterval: 0.005)
    decoder.submit(
      DecodeRequest(slot: .face, serial: 2, work: .codes(LatentCodes(row: [0, 0, 0, 0]))))
    decoder.waitUntilIdle()
    let results = decoder.takeResults()
    #expect(results.map(\.slot) == [.face, .heldOut])
    let whole = try #require(results.last)
    #expect(whole.images.count == 96 && whole.originals.count == 96 && whole.codes.count == 96)
    #expect(whole.originals == items.map { dataset.image($0) })
    let direct = vae.encode(ImageBatch(dataset, items: items)).mean
    #expect(zip(whole.codes.values, direct.values).allSatisfy { abs($0 - $1) < 1e-4 })
    #expect(decoder.takeResults().isEmpty)
  }

  @Test func decoderReportsABadImageFileInOneLine() throws {
    let vae = try VariationalAutoencoder(config: config, seed: 1)
    let decoder = try FaceDecoder(config: config, weights: vae.weightValues(), dataset: nil)
    decoder.submit(DecodeRequest(slot: .encode, serial: 1, work: .encodeFile("/nonexistent/x.png")))
    decoder.waitUntilIdle()
    let result = try #require(decoder.takeResults().first)
    #expect(result.error?.contains("/nonexistent/x.png") == true && result.codes.isEmpty)
  }

  @Test func trainingPublishesNumberedSnapshotsAndACheckpoint() throws {
    let vae = try VariationalAutoencoder(config: config, seed: 1)
    let before = vae.weightValues()
    let folder = try TemporaryFolder()
    var settings = TrainingSettings()
    settings.epochs = 3
    settings.batchSize = 16
    let queue = TrainingQueue()
    let job = TrainingJob(
      config: config, weights: before, dataset: faces(64), settings: settings, previousEpochs: 4,
      publishEverySteps: 2, checkpointPath: folder.file("m.ckpt.safetensors"))
    #expect(queue.start(job))
    queue.waitUntilIdle()
    let status = queue.status()
    #expect(status.phase == .finished(.completed))
    #expect(status.progress?.epoch == 3 && status.progress?.step == 4)
    let snapshot = try #require(queue.latestSnapshot())
    // 12 steps: a snapshot every 2 steps plus one per epoch.
    #expect(snapshot.generation == 9 && snapshot.epoch == 7)
    #expect(snapshot.values != before)
    let saved = try FaceModel.load(from: folder.file("m.ckpt.safetensors"))
    #expect(saved.vae.weightValues() == snapshot.values)
    #expect(saved.training?.epochs.map(\.epoch) == [5, 6, 7])
  }

  @Test func cancellingStopsTheRunBeforeItsEnd() throws {
    let vae = try VariationalAutoencoder(config: config, seed: 1)
    var settings = TrainingSettings()
    settings.epochs = 10_000
    settings.batchSize = 8
    let queue = TrainingQueue()
    #expect(
      queue.start(
        TrainingJob(
          config: config, weights: vae.weightValues(), dataset: faces(32), settings: settings)))
    #expect(
      !queue.start(
        TrainingJob(
          config: config, weights: vae.weightValues(), dataset: faces(32), settings: settings)))
    queue.cancel()
    queue.waitUntilIdle()
    guard case .finished(.cancelled(let epoch, _)) = queue.status().phase else {
      Issue.record("expected a cancelled run, got \(queue.status().phase)")
      return
    }
    #expect(epoch < 10_000)
  }
}
