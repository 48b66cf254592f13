import Foundation

/// Seconds since an arbitrary start, for printing (never asserting) timings.
func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// Processor seconds used by this process so far (all threads), for printing beside wall time:
/// the machine is shared, so wall time alone says little.
func processorSeconds() -> Double { Double(clock()) / Double(CLOCKS_PER_SEC) }
