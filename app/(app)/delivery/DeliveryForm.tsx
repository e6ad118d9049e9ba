'use client';

import { useActionState, useState } from 'react';
import { DateInput } from '@/app/_components/DateInput';
import type { FormState } from '@/app/_components/types';

type Option = { id: number; name: string };
export type StopValues = {
  documentId: string;
  /** The document as the row names it: kind, number, date, client. */
  label: string;
  address: string;
  contact: string;
  windowFrom: string;
  windowTo: string;
};
export type StopCandidateOption = { id: number; label: string; address: string; contact: string };
export type DeliveryFormLabels = Record<
  | 'date'
  | 'driver'
  | 'vehicle'
  | 'comment'
  | 'stops'
  | 'document'
  | 'address'
  | 'contact'
  | 'windowFrom'
  | 'windowTo'
  | 'addStop'
  | 'chooseDocument'
  | 'removeStop'
  | 'save',
  string
>;

/**
 * A delivery task's header and its stops. A stop is added from the documents ready to go, with the
 * client's address and contact filled in to correct; the server checks everything and answers at the
 * fields (`lines.N.field`).
 */
export function DeliveryForm({
  action,
  values,
  stops: initialStops,
  candidates,
  drivers,
  vehicles,
  labels,
  readOnly,
}: {
  action: (state: FormState, data: FormData) => Promise<FormState>;
  values: { date: string; driverId: string; vehicleId: string; comment: string; version?: string };
  stops: StopValues[];
  candidates: StopCandidateOption[];
  drivers: Option[];
  vehicles: Option[];
  labels: DeliveryFormLabels;
  readOnly: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const [stops, setStops] = useState(initialStops);
  const [chosen, setChosen] = useState('');
  const errors = state.errors ?? {};
  const shown = state.values;
  const error = (name: string) =>
    errors[name] ? (
      <span className="field-error" id={`${name.replace(/\./g, '-')}-error`}>
        {errors[name]}
      </span>
    ) : null;
  const set = (i: number, field: keyof StopValues, value: string) =>
    setStops((all) => all.map((s, j) => (j === i ? { ...s, [field]: value } : s)));
  const onTrip = new Set(stops.map((s) => s.documentId));
  const add = () => {
    const candidate = candidates.find((c) => String(c.id) === chosen);
    if (!candidate) return;
    setStops((all) => [
      ...all,
      {
        documentId: String(candidate.id),
        label: candidate.label,
        address: candidate.address,
        contact: candidate.contact,
        windowFrom: '',
        windowTo: '',
      },
    ]);
    setChosen('');
  };
  const header = (name: 'date' | 'driverId' | 'vehicleId' | 'comment') =>
    (shown?.[name] as string | undefined) ?? values[name];
  return (
    <form action={formAction} className="entity-form delivery-form" noValidate>
      {errors._form && (
        <p className="form-error" role="alert">
          {errors._form}
        </p>
      )}
      <fieldset disabled={readOnly || pending}>
        {values.version && <input type="hidden" name="version" value={values.version} />}
        <div className="form-grid">
          <div className={`field${errors.date ? ' has-error' : ''}`}>
            <label htmlFor="date">{labels.date}</label>
            <DateInput kind="date" id="date" name="date" defaultValue={header('date')} required />
            {error('date')}
          </div>
          <div className={`field${errors.driverId ? ' has-error' : ''}`}>
            <label htmlFor="driverId">{labels.driver}</label>
            <select id="driverId" name="driverId" defaultValue={header('driverId')}>
              <option value="" />
              {drivers.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
            {error('driverId')}
          </div>
          <div className={`field${errors.vehicleId ? ' has-error' : ''}`}>
            <label htmlFor="vehicleId">{labels.vehicle}</label>
            <select id="vehicleId" name="vehicleId" defaultValue={header('vehicleId')}>
              <option value="" />
              {vehicles.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
            {error('vehicleId')}
          </div>
          <div className="field wide">
            <label htmlFor="comment">{labels.comment}</label>
            <input id="comment" name="comment" defaultValue={header('comment')} maxLength={2000} />
            {error('comment')}
          </div>
        </div>
        <h2>{labels.stops}</h2>
        <div className="delivery-scroll">
          <table className="data-table delivery-stops">
            <thead>
              <tr>
                <th>№</th>
                <th>{labels.document}</th>
                <th>{labels.address}</th>
                <th>{labels.contact}</th>
                <th>{labels.windowFrom}</th>
                <th>{labels.windowTo}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {stops.map((stop, i) => (
                <tr key={stop.documentId}>
                  <td className="num">{i + 1}</td>
                  <td>
                    <input type="hidden" name={`lines.${i}.documentId`} value={stop.documentId} />
                    {stop.label}
                    {error(`lines.${i}.documentId`)}
                  </td>
                  <td>
                    <input
                      name={`lines.${i}.address`}
                      aria-label={`${labels.address}, ${i + 1}`}
                      value={stop.address}
                      maxLength={500}
                      onChange={(e) => set(i, 'address', e.target.value)}
                    />
                    {error(`lines.${i}.address`)}
                  </td>
                  <td>
                    <input
                      name={`lines.${i}.contact`}
                      aria-label={`${labels.contact}, ${i + 1}`}
                      value={stop.contact}
                      maxLength={500}
                      onChange={(e) => set(i, 'contact', e.target.value)}
                    />
                    {error(`lines.${i}.contact`)}
                  </td>
                  <td>
                    <input
                      name={`lines.${i}.windowFrom`}
                      type="time"
                      aria-label={`${labels.windowFrom}, ${i + 1}`}
                      value={stop.windowFrom}
                      onChange={(e) => set(i, 'windowFrom', e.target.value)}
                    />
                    {error(`lines.${i}.windowFrom`)}
                  </td>
                  <td>
                    <input
                      name={`lines.${i}.windowTo`}
                      type="time"
                      aria-label={`${labels.windowTo}, ${i + 1}`}
                      value={stop.windowTo}
                      onChange={(e) => set(i, 'windowTo', e.target.value)}
                    />
                    {error(`lines.${i}.windowTo`)}
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() => setStops((all) => all.filter((_, j) => j !== i))}
                      aria-label={`${labels.removeStop}, ${i + 1}`}
                    >
                      {labels.removeStop}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {!readOnly && (
          <div className="toolbar">
            <select aria-label={labels.addStop} value={chosen} onChange={(e) => setChosen(e.target.value)}>
              <option value="">{labels.chooseDocument}</option>
              {candidates
                .filter((c) => !onTrip.has(String(c.id)))
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
            </select>
            <button type="button" onClick={add} disabled={!chosen}>
              {labels.addStop}
            </button>
          </div>
        )}
        {!readOnly && (
          <div className="form-actions">
            <button type="submit" className="primary">
              {labels.save}
            </button>
          </div>
        )}
      </fieldset>
    </form>
  );
}
