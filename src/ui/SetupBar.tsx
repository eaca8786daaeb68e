import { isLockKind, LOCK_KINDS, LOCK_LABEL } from "../engine/catalog";
import { MAX_WORDS, MIN_WORDS } from "../engine/layout";
import {
  isReaderVariant,
  isWriterVariant,
  READER_VARIANTS,
  WRITER_VARIANTS,
} from "../engine/programs";
import { setAlgorithm, useLab } from "../lab/store";

const WORD_CHOICES = Array.from({ length: MAX_WORDS - MIN_WORDS + 1 }, (_, i) => MIN_WORDS + i);

/** What the threads run: the lock, the seqlock's variants, the payload size, and why. */
export function SetupBar() {
  const { lock, readerVariant, writerVariant, words } = useLab((s) => s.config);
  const seqlock = lock === "seqlock";
  const reader = READER_VARIANTS[readerVariant];
  const writer = WRITER_VARIANTS[writerVariant];
  const notes = seqlock
    ? [readerVariant !== "seqlock" && reader, writerVariant !== "seqlock" && writer].filter(
        (x) => x !== false,
      )
    : [];
  return (
    <section className="setup" aria-label="What the threads run">
      <label>
        Lock
        <select
          value={lock}
          onChange={(e) => isLockKind(e.target.value) && setAlgorithm({ lock: e.target.value })}
        >
          {LOCK_KINDS.map((id) => (
            <option key={id} value={id}>
              {LOCK_LABEL[id]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Readers run
        <select
          value={readerVariant}
          disabled={!seqlock}
          onChange={(e) =>
            isReaderVariant(e.target.value) && setAlgorithm({ readerVariant: e.target.value })
          }
        >
          {Object.entries(READER_VARIANTS).map(([id, info]) => (
            <option key={id} value={id}>
              {info.label}
              {info.specCorrect ? "" : " ⚠"}
            </option>
          ))}
        </select>
      </label>
      <label>
        Writers run
        <select
          value={writerVariant}
          disabled={!seqlock}
          onChange={(e) =>
            isWriterVariant(e.target.value) && setAlgorithm({ writerVariant: e.target.value })
          }
        >
          {Object.entries(WRITER_VARIANTS).map(([id, info]) => (
            <option key={id} value={id}>
              {info.label}
              {info.specCorrect ? "" : " ⚠"}
            </option>
          ))}
        </select>
      </label>
      <label>
        Payload words
        <select value={words} onChange={(e) => setAlgorithm({ words: Number(e.target.value) })}>
          {WORD_CHOICES.map((n) => (
            <option key={n} value={n}>
              {n} ({n * 4} bytes)
            </option>
          ))}
        </select>
      </label>
      {!seqlock && (
        <p className="setup-note">
          Comparison: every reader takes the {LOCK_LABEL[lock]} too. No retries, no torn reads — and
          watch the writer's throughput when readers crowd in.
        </p>
      )}
      {notes.map((info) => (
        <p key={info.label} className={info.specCorrect ? "setup-note" : "setup-note warning"}>
          <strong>{info.label}:</strong> {info.explanation}
        </p>
      ))}
    </section>
  );
}
