import { useEffect, useRef } from "react";
import { setHelpOpen, useLab } from "../lab/store";
import { SHORTCUTS } from "./shortcuts";

/** The keyboard map, in a native modal dialog (focus trapped, Escape closes). */
export function HelpOverlay() {
  const open = useLab((s) => s.helpOpen);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="help"
      aria-labelledby="help-title"
      onClose={() => setHelpOpen(false)}
    >
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <th scope="row">
                <kbd>{s.keys}</kbd>
              </th>
              <td>{s.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Threads are numbered in the order their lanes are shown: writers first, then readers. In
        scheduler mode every thread waits and each key you press is the next step of the
        interleaving.
      </p>
      <form method="dialog">
        <button type="submit" className="primary">
          Close
        </button>
      </form>
    </dialog>
  );
}
