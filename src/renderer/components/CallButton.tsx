import type { JSX } from 'preact';
import { errorMessage } from '../api.ts';
import { useServices, type Services } from '../context.ts';

/**
 * A button that makes one call to main. A failure shows once, as the window's error (`localError`), the
 * way every other press reports one.
 */
export function CallButton({
  label,
  call,
  primary = false,
  id,
}: {
  label: string;
  call: (services: Services) => Promise<unknown>;
  primary?: boolean;
  id?: string;
}): JSX.Element {
  const services = useServices();
  return (
    <button
      id={id}
      type="button"
      class={primary ? 'primary-button' : 'secondary-button'}
      onClick={() => {
        call(services).catch((e: unknown) => services.store.update({ localError: errorMessage(e) }));
      }}
    >
      {label}
    </button>
  );
}
