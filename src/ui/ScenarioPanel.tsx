import { useState } from "react";
import { LESSON_TEXT, type Question } from "../lab/lessonText";
import { SCENARIOS } from "../lab/scenarios";
import { revealScenario, stopAll, useLab } from "../lab/store";

/** Predict, then reveal: the answer stays hidden until the class has committed to a choice. */
function PredictQuestion({ question, index }: { question: Question; index: number }) {
  const [choice, setChoice] = useState<number | null>(null);
  const [revealed, setRevealed] = useState(false);
  const name = `question-${index}`;
  return (
    <fieldset className="question" data-testid={name}>
      <legend className="question-ask">{question.ask}</legend>
      {question.choices.map((text, i) => (
        <label key={text} data-right={revealed && i === question.answer ? "true" : "false"}>
          <input
            type="radio"
            name={name}
            checked={choice === i}
            disabled={revealed}
            onChange={() => setChoice(i)}
          />
          {text}
        </label>
      ))}
      {revealed ? (
        <p className="answer" role="status">
          <strong>
            {choice === question.answer
              ? "Right."
              : `Answer: ${question.choices[question.answer]}.`}
          </strong>{" "}
          {question.why}
        </p>
      ) : (
        <button
          type="button"
          disabled={choice === null}
          onClick={() => {
            setRevealed(true);
            if (index === 0) void revealScenario();
          }}
        >
          {choice === null ? "Pick an answer to reveal" : "Reveal"}
        </button>
      )}
    </fieldset>
  );
}

/** The open lesson: its story, what to watch, its questions, and its own controls. */
export function ScenarioPanel() {
  const id = useLab((s) => s.config.scenario);
  const lessonRun = useLab((s) => s.lessonRun);
  const waiting = useLab(
    (s) =>
      s.config.scenario !== null &&
      !s.lessonRevealed &&
      (SCENARIOS[s.config.scenario].waitsForAnswer === true ||
        SCENARIOS[s.config.scenario].script?.thenRun !== undefined),
  );
  const stopped = useLab((s) => s.stopped);
  const [open, setOpen] = useState(true);
  if (id === null) return null;
  const scenario = SCENARIOS[id];
  const text = LESSON_TEXT[id];
  return (
    <section className="scenario" aria-label="Lesson notes" data-testid="scenario">
      <header>
        <h2>{scenario.title}</h2>
        {scenario.seedLog && (
          <button type="button" onClick={stopAll} disabled={stopped}>
            {stopped ? "Stopped (READY.)" : "Stop threads (rmmod)"}
          </button>
        )}
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? "Hide lesson" : "Show lesson"}
        </button>
      </header>
      {open && (
        <div className="scenario-body">
          <div className="story">
            {text.story.map((p) => (
              <p key={p}>{p}</p>
            ))}
            <p>
              <strong>Watch:</strong> {text.watch}
            </p>
            {waiting && (
              <p className="waiting-note" data-testid="lesson-waiting">
                The threads wait, paused, for the class's prediction: revealing the first answer
                starts them (or start them yourself).
              </p>
            )}
          </div>
          <div className="questions">
            {text.questions.map((q, i) => (
              // Opening the lesson again asks again.
              <PredictQuestion key={`${lessonRun}-${q.ask}`} question={q} index={i} />
            ))}
          </div>
        </div>
      )}
    </section>
  );
}
