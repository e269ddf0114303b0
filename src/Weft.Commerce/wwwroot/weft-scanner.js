// A scanner station: a handheld scanner types a code and Enter into the focused input; function keys give commands.
// Every result is heard as well as seen: a short tone from the Web Audio API, high for ok and low and rough for a refusal.

let audio;
/** The tones played, oldest first (what a test can read back: the page has no other trace of a sound). */
const played = (window.weftScannerTones ??= []);

/** Plays the tone of a result: 'ok' or 'error'. */
export function tone(kind) {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') audio.resume();
    const ok = kind === 'ok';
    const beeps = ok ? [{ at: 0, length: 0.09, pitch: 1320 }] : [{ at: 0, length: 0.16, pitch: 196 }, { at: 0.22, length: 0.16, pitch: 196 }];
    for (const beep of beeps) {
      const start = audio.currentTime + beep.at;
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = ok ? 'sine' : 'square';
      oscillator.frequency.value = beep.pitch;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.25, start + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + beep.length);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start);
      oscillator.stop(start + beep.length + 0.02);
    }
    played.push(kind);
    document.documentElement.dataset.lastTone = kind;
  } catch (error) {
    console.warn('Weft: the scanner tone could not play; the result shows on the screen.', error);
  }
}

/** The station answers a scan or a key with the tone of its result (nothing when it had nothing to say). */
const sound = kind => { if (kind) tone(kind); };

/**
 * Sends every code typed into the input (Enter ends it) to the station, clears the input for the next, and sends the
 * station's function keys (e.g. ['F2', 'F9']) wherever the focus is. Enter in a field marked data-scan-return sends
 * the focus back to the input. The station's answer to each is sounded. Returns what to call to let go.
 */
export function attach(input, station, keys) {
  const onInput = event => {
    if (event.key !== 'Enter' || event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
    event.preventDefault();
    const code = input.value.trim();
    input.value = '';
    if (code.length > 0) station.invokeMethodAsync('ScanAsync', code).then(sound);
  };
  const onKey = event => {
    if (keys.includes(event.key) && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      station.invokeMethodAsync('KeyAsync', event.key).then(sound);
      return;
    }
    if (event.key === 'Enter' && event.target instanceof HTMLElement && event.target.dataset.scanReturn !== undefined) {
      event.preventDefault();
      input.focus();
    }
  };
  input.addEventListener('keydown', onInput);
  document.addEventListener('keydown', onKey);
  input.focus();
  return {
    focus: () => input.focus(),
    detach: () => {
      input.removeEventListener('keydown', onInput);
      document.removeEventListener('keydown', onKey);
    },
  };
}
