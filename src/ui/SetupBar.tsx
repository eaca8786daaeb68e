import { hasVariants, isLockKind, LOCK_KINDS, LOCK_LABEL, minWords } from "../engine/catalog";
import { MAX_WORDS, MIN_WORDS } from "../engine/layout";
import {
  isReaderVariant,
  isWriterVariant,
  READER_VARIANTS,
  type VariantInfo,
  WRITER_VARIANTS,
} from "../engine/programs";
import { setAlgorithm, useLab } from "../lab/store";
import { ScenarioSelect } from "./ScenarioSelect";

/** The picker's value while threads of one role run different variants. */
const MIXED = "mixed";
const WORD_CHOICES = Array.from({ length: MAX_WORDS - MIN_WORDS + 1 }, (_, i) => MIN_WORDS + i);

/** A seqlock variant picker; variants that are not spec-correct carry a warning sign. */
function VariantSelect({
  label,
  value,
  variants,
  disabled,
  onPick,
}: {
  label: string;
  value: string;
  variants: Record<string, VariantInfo>;
  disabled: boolean;
  onPick: (id: string) => void;
}) {
  return (
    <label>
      {label}
      <select value={value} disabled={disabled} onChange={(e) => onPick(e.target.value)}>
        {value === MIXED && (
          <option value={MIXED}>a different one per thread (see each lane)</option>
        )}
        {Object.entries(variants).map(([id, info]) => (
          <option key={id} value={id}>
            {info.label}
            {info.specCorrect ? "" : " ⚠"}
          </option>
        ))}
      </select>
    </label>
  );
}

/** What the threads run: the lock, the seqlock's variants, the payload size, and why. */
export function SetupBar() {
  const { lock, readerVariant, writerVariant, words, readerMix, writerMix } = useLab(
    (s) => s.config,
  );
  const seqlock = hasVariants(lock);
  const reader = READER_VARIANTS[readerVariant];
  const writer = WRITER_VARIANTS[writerVariant];
  const notes =
    seqlock && readerMix.length < 2 && writerMix.length < 2
      ? [readerVariant !== "seqlock" && reader, writerVariant !== "seqlock" && writer].filter(
          (x) => x !== false,
        )
      : [];
  return (
    <section className="setup" aria-label="What the threads run">
      <ScenarioSelect />
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
      <VariantSelect
        label="Readers run"
        value={readerMix.length > 1 ? MIXED : readerVariant}
        variants={READER_VARIANTS}
        disabled={!seqlock}
        onPick={(id) => isReaderVariant(id) && setAlgorithm({ readerVariant: id, readerMix: [] })}
      />
      <VariantSelect
        label="Writers run"
        value={writerMix.length > 1 ? MIXED : writerVariant}
        variants={WRITER_VARIANTS}
        disabled={!seqlock}
        onPick={(id) => isWriterVariant(id) && setAlgorithm({ writerVariant: id, writerMix: [] })}
      />
      <label>
        Payload words
        <select value={words} onChange={(e) => setAlgorithm({ words: Number(e.target.value) })}>
          {WORD_CHOICES.filter((n) => n >= minWords(lock)).map((n) => (
            <option key={n} value={n}>
              {n} ({n * 4} bytes)
            </option>
          ))}
        </select>
      </label>
      {(lock === "mutex" || lock === "rwlock") && (
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
