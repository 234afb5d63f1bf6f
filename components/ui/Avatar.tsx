import { useState } from 'react';
import { kickImageUrl } from '@/lib/cards/display';
import { initials } from '@/lib/cards/format';

export function Avatar({ url, name }: { url?: string; name: string }) {
  const [broken, setBroken] = useState(false);
  // Only Kick's own image hosts, as on the cards.
  const safe = kickImageUrl(url);
  return (
    <div className="avatar" aria-hidden="true">
      {safe && !broken ? <img src={safe} alt="" referrerPolicy="no-referrer" onError={() => setBroken(true)} /> : initials(name)}
    </div>
  );
}
