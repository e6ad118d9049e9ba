import './open-tasks-choice.css';

/**
 * Asked when an interest with open tasks is marked lost (the kanban's move form and the card's loss
 * dialog): close them (marked done, the default) or keep them open. Labels come translated, so the
 * card's client component can use it too.
 */
export function OpenTasksChoice({ legend, close, keep }: { legend: string; close: string; keep: string }) {
  return (
    <fieldset className="open-tasks-choice">
      <legend>{legend}</legend>
      <label>
        <input type="radio" name="openTasks" value="close" defaultChecked /> {close}
      </label>
      <label>
        <input type="radio" name="openTasks" value="keep" /> {keep}
      </label>
    </fieldset>
  );
}
