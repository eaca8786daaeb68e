import { isScenarioId, SCENARIO_LIST } from "../lab/scenarios";
import { openScenario, useLab } from "../lab/store";

/** The lesson menu: free play or one of the scenarios, each of which restarts the lab. */
export function ScenarioSelect() {
  const scenario = useLab((s) => s.config.scenario);
  const replaying = useLab((s) => s.replaying);
  return (
    <label>
      Lesson
      <select
        aria-label="Lesson"
        value={scenario ?? ""}
        disabled={replaying}
        onChange={(e) => {
          const id = e.target.value;
          void openScenario(isScenarioId(id) ? id : null);
        }}
      >
        <option value="">Free play</option>
        {SCENARIO_LIST.map((s) => (
          <option key={s.id} value={s.id}>
            {s.title}
          </option>
        ))}
      </select>
    </label>
  );
}
