/// The explorer's keys: the only place a key gets a meaning.
extension KeyBinding {
  /// Every binding, in the order the overlay, the hint line and the docs list them.
  package static let table: [KeyBinding] = {
    let modes = KeyContext.modes
    let h = Key.character("h")
    let j = Key.character("j")
    let k = Key.character("k")
    let l = Key.character("l")
    return [
      KeyBinding(
        modes, "Explore, Interpolate, Traverse, Browse; Tab: next",
        AppMode.allCases.map { Command([.character($0.key)], .openMode($0)) }
          + [Command([.tab], .nextMode)]),
      KeyBinding(
        modes, "back to Explore; in Explore, clears the status line (never quits)",
        [Command([.escape], .back)]),

      KeyBinding(
        [.explore], "choose a slider", hint: "dim",
        [Command([.up, k], .previousSlider), Command([.down, j], .nextSlider)]),
      KeyBinding(
        [.explore], "a screenful up or down; the first or last slider",
        [
          Command([.pageUp], .pageUp), Command([.pageDown], .pageDown),
          Command([.home], .firstSlider), Command([.end], .lastSlider),
        ]),
      KeyBinding(
        [.explore], "move the slider by 0.1σ", hint: "±0.1σ",
        [Command([.left, h], .fineDown), Command([.right, l], .fineUp)]),
      KeyBinding(
        [.explore], "move it by 0.5σ", hint: "±0.5σ",
        [
          Command([.character("H"), .shiftLeft], .coarseDown),
          Command([.character("L"), .shiftRight], .coarseUp),
        ]),
      KeyBinding(
        [.explore], "reset the slider to 0", hint: "reset",
        [Command([.character("0")], .resetSlider)]),
      KeyBinding(
        [.explore], "reset every slider to the prior mean", hint: "all",
        [Command([.character("R")], .resetAllSliders)]),
      KeyBinding(
        [.explore], "a random face from the prior, as `latent sample --seed`", hint: "random",
        [Command([.character("r")], .randomFace)]),
      KeyBinding(
        [.explore], "undo / redo a slider move (a run of presses on one slider is one move)",
        [Command([.character("u")], .undo), Command([.character("U")], .redo)]),
      KeyBinding(
        [.explore], "type the slider's value in σ at a prompt",
        [Command([.character("=")], .typeValue)]),
      KeyBinding(
        [.explore], "set the sliders to the code of a PNG or JPEG file typed at a prompt",
        [Command([.character("f")], .sliderFromFile)]),
      KeyBinding(
        [.explore], "slider bank: dimensions · PCA · SeFa · attributes",
        [Command([.character("d")], .nextSliderBank)]),
      KeyBinding(
        [.explore], "hold the attribute: moving another attribute leaves it as it is",
        [Command([.character(" ")], .holdAttribute)]),
      KeyBinding(
        [.explore], "bookmark the face under a name typed at a prompt (@name)",
        [Command([.character("m")], .saveBookmark)]),
      KeyBinding(
        modes, "calculator: #12 - #40 + seed:7, 0.5 * smile, @mine + 2 * sefa:3",
        [Command([.character(":")], .openCalculator)]),

      KeyBinding(
        [.interpolate], "scrub through the frames (stops playback)", hint: "scrub",
        [Command([.left, h], .scrubBack), Command([.right, l], .scrubForward)]),
      KeyBinding(
        [.interpolate], "play and loop, or stop", hint: "play",
        [Command([.character(" ")], .togglePlayback)]),
      KeyBinding(
        [.interpolate], "linear ↔ spherical (slerp)", hint: "slerp",
        [Command([.character("s")], .toggleSlerp)]),
      KeyBinding(
        [.interpolate], "more or fewer frames (2–30, default 10)", hint: "steps",
        [
          Command([.character("+"), .character("=")], .moreFrames),
          Command([.character("-")], .fewerFrames),
        ]),
      KeyBinding(
        [.interpolate], "end A / B = the current sliders", hint: "ends",
        [Command([.character("a")], .setStart), Command([.character("b")], .setEnd)]),
      KeyBinding(
        [.interpolate], "end B = a random face", [Command([.character("r")], .randomEnd)]),
      KeyBinding(
        [.interpolate], "end A / B = a PNG or JPEG file typed at a prompt",
        hint: "file",
        [Command([.character("f")], .startFromFile), Command([.character("g")], .endFromFile)]),
      KeyBinding(
        [.interpolate], "set the sliders to the frame shown", hint: "use",
        [Command([.enter], .useSelection)]),

      KeyBinding(
        [.traverse], "move over the grid", hint: "move",
        [
          Command([.up, k], .cursorUp), Command([.down, j], .cursorDown),
          Command([.left, h], .cursorLeft), Command([.right, l], .cursorRight),
        ]),
      KeyBinding(
        [.traverse], "set the sliders to the cell", hint: "set sliders",
        [Command([.enter], .useSelection)]),

      KeyBinding(
        [.browse], "choose a face", hint: "move",
        [
          Command([.up, k], .cursorUp), Command([.down, j], .cursorDown),
          Command([.left, h], .cursorLeft), Command([.right, l], .cursorRight),
        ]),
      KeyBinding(
        [.browse], "a page of faces back or on", hint: "page",
        [Command([.pageUp], .pageUp), Command([.pageDown], .pageDown)]),
      KeyBinding(
        [.browse], "set the sliders to the face's code", hint: "set sliders",
        [Command([.enter], .useSelection)]),
      KeyBinding(
        [.browse], "mark the face as interpolation end A / B", hint: "ends",
        [Command([.character("a")], .setStart), Command([.character("b")], .setEnd)]),

      KeyBinding(
        [.map], "move the cursor a cell; the face follows",
        hint: "move",
        [
          Command([.up, k], .cursorUp), Command([.down, j], .cursorDown),
          Command([.left, h], .cursorLeft), Command([.right, l], .cursorRight),
        ]),
      KeyBinding(
        [.map], "move the cursor five cells",
        [
          Command([.character("K")], .cursorFarUp), Command([.character("J")], .cursorFarDown),
          Command([.character("H")], .cursorFarLeft), Command([.character("L")], .cursorFarRight),
        ]),
      KeyBinding(
        [.map], "go to the stored face nearest the cursor (o)", hint: "nearest",
        [Command([.enter], .useSelection)]),
      KeyBinding(
        [.map], "x axis: previous / next of PCA, dimensions, SeFa, attributes",
        hint: "x axis",
        [Command([.character("[")], .previousXAxis), Command([.character("]")], .nextXAxis)]),
      KeyBinding(
        [.map], "y axis: previous / next", hint: "y axis",
        [Command([.character("{")], .previousYAxis), Command([.character("}")], .nextYAxis)]),
      KeyBinding(
        [.map], "colour the dots by label, by an attribute, or by density", hint: "colour",
        [Command([.character("C")], .nextColouring)]),
      KeyBinding(
        [.map], "interpolation end A / B = the face (the path shows)",
        [Command([.character("a")], .setStart), Command([.character("b")], .setEnd)]),

      KeyBinding(
        modes, "export PNG files of the mode shown", hint: "export",
        [Command([.character("e")], .export)]),
      KeyBinding(
        [.explore, .interpolate, .traverse],
        "export a GIF: the slider or row −3σ…+3σ and back, or A → B → A",
        [Command([.character("G")], .exportAnimation)]),
      KeyBinding(
        [.explore, .interpolate, .traverse], "the same as an MP4 video (H.264; needs ffmpeg)",
        [Command([.character("V")], .exportVideo)]),
      KeyBinding(
        modes, "export scale ×1, ×2, ×4, ×8", [Command([.character("x")], .cycleExportScale)]),
      KeyBinding(
        modes, "train on --data in the background", hint: "train",
        [Command([.character("t")], .startTraining)]),
      KeyBinding(
        modes, "cancel the training run", hint: "cancel",
        [Command([.character("c")], .cancelTraining)]),
      KeyBinding(
        modes, "keep the trained weights (asks before overwriting the model file)",
        [Command([.character("w")], .keepWeights)]),
      KeyBinding(
        modes, "back to the opened model's weights (drops the trained ones)",
        [Command([.character("o")], .revertWeights)]),
      KeyBinding(
        modes, "the keys of the mode shown", hint: "help", [Command([.character("?")], .openHelp)]),
      KeyBinding(
        modes + [.help], "quit", hint: "quit", [Command([.character("q"), .interrupt], .quit)]),

      KeyBinding(
        [.help], "close this list", [Command([.key(.escape), .anyKey], .closeHelp)]),

      KeyBinding(
        [.prompt], "typed into the line", [Command([.anyCharacter], .typeCharacter)]),
      KeyBinding(
        [.prompt], "delete the last character", [Command([.backspace], .deleteCharacter)]),
      KeyBinding(
        [.prompt], "complete the file name (again: list the names that fit)",
        [Command([.tab], .completePath)]),
      KeyBinding(
        [.prompt], "encode the file, set the slider, save the bookmark or show the result",
        [Command([.enter], .submitPrompt)]),
      KeyBinding([.prompt], "cancel", [Command([.escape, .interrupt], .cancelPrompt)]),

      KeyBinding(
        [.keepQuestion], "overwrite the model file", [Command([.character("y")], .overwriteModel)]),
      KeyBinding(
        [.keepQuestion], "write a new file beside the model (NAME.1.safetensors, NAME.2, …)",
        [Command([.character("n"), .enter], .keepBesideModel)]),
      KeyBinding(
        [.keepQuestion], "keep no file", [Command([.escape, .interrupt], .cancelPrompt)]),
    ]
  }()
}
