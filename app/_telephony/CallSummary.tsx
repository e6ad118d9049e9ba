import { PhoneLink } from '@/app/_components/PhoneLink';
import type { Translate } from '@/lib/i18n/translate';
import { callDuration } from './CallDuration';

type Call = {
  phone: string;
  result: 'answered' | 'missed' | 'busy' | 'failed' | null;
  durationSeconds: number | null;
  recording: string | null;
};

/** A call in a feed or list: the number, how it ended and for how long, and its recording. */
export function CallSummary({ call, t }: { call: Call; t: Translate }) {
  return (
    <span className="call-summary">
      <PhoneLink phone={call.phone} />{' '}
      {call.result && (
        <span className={`badge call-result-${call.result}`}>{t(`telephony.result.${call.result}`)}</span>
      )}{' '}
      {call.result === 'answered' && callDuration(t, call.durationSeconds)}{' '}
      <CallRecording recording={call.recording} t={t} />
    </span>
  );
}

/** A recording: a link when the PBX gave one, else the provider's id to find it in their account. */
export function CallRecording({ recording, t }: { recording: string | null; t: Translate }) {
  if (!recording) return null;
  if (/^https?:\/\//.test(recording))
    return (
      <a href={recording} target="_blank" rel="noreferrer noopener" data-turbo="false">
        {t('telephony.recording')}
      </a>
    );
  return <span className="muted">{t('telephony.recordingAt', { id: recording.replace(/^\w+:/, '') })}</span>;
}
