import { slotName } from "../engine/layout";
import { dismissNotices, restartAfterFailure, useLab } from "../lab/store";

/**
 * What the link asked for that was ignored or clamped, other notices (a schedule that stopped,
 * a capture that could not run), and threads that failed.
 */
export function Notices() {
  const notices = useLab((s) => s.notices);
  const failures = useLab((s) => s.failures);
  const failed = Object.entries(failures);
  if (notices.length === 0 && failed.length === 0) return null;
  return (
    <div className="notices">
      {failed.length > 0 && (
        <div className="notice notice-error" role="alert">
          <ul>
            {failed.map(([slot, message]) => (
              <li key={slot}>
                Thread {slotName(Number(slot))} failed: {message}
              </li>
            ))}
          </ul>
          <p>
            A thread that dies may have held the writer lock, so restarting starts every thread
            afresh on a new buffer.
          </p>
          <button type="button" onClick={restartAfterFailure}>
            Restart all threads
          </button>
        </div>
      )}
      {notices.length > 0 && (
        <div className="notice" role="status">
          <ul>
            {notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <button type="button" onClick={dismissNotices}>
            Dismiss notices
          </button>
        </div>
      )}
    </div>
  );
}
