import type { Topic } from '@/lib/live/publish';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'turbo-frame': React.DetailedHTMLProps<React.HTMLAttributes<HTMLElement>, HTMLElement> & {
        src?: string;
        loading?: 'eager' | 'lazy';
        target?: string;
        'data-topics'?: string;
      };
      'turbo-stream-source': React.DetailedHTMLProps<React.HTMLAttributes<HTMLElement>, HTMLElement> & {
        src: string;
      };
    }
  }
}

/**
 * A Turbo Frame island: React renders it empty and never touches it again; Turbo fills it from `src`
 * (a page that renders `<turbo-frame id>` with the content) and reloads it whenever one of `topics`
 * is published (see app/api/live and lib/live/publish.ts). Links inside navigate the frame only.
 */
export function LiveFrame({
  id,
  src,
  topics,
  className,
}: {
  id: string;
  src: string;
  topics: Topic[];
  className?: string;
}) {
  return (
    <turbo-frame id={id} src={src} loading="eager" data-topics={topics.join(' ')} className={className} />
  );
}
