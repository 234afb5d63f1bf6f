import { useState } from 'react';
import { initials } from '@/lib/cards/format';

export function Avatar({ url, name }: { url?: string; name: string }) {
  const [broken, setBroken] = useState(false);
  const safe = url?.startsWith('https://') ? url : undefined;
  return (
    <div className="avatar" aria-hidden="true">
      {safe && !broken ? <img src={safe} alt="" referrerPolicy="no-referrer" onError={() => setBroken(true)} /> : initials(name)}
    </div>
  );
}
