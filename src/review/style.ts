// The review page's inline stylesheet and script: marks that read without colour, line numbers from CSS counters, copy buttons that appear only with JavaScript.

export const CSS = `
:root{--fg:#1d1d1f;--mute:#5f6368;--rule:#d0d0d0;--note:#fff4d6;--disc:#e8f0ff;--meta:#eeeeee;--head:#e6f4ea;--brk:#f3e8fd;--fix:#fce8e6;--kept:#e0f7fa}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);margin:0 auto;max-width:78rem;padding:1rem 1.5rem 4rem}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.3rem;margin:2.5rem 0 .5rem;border-top:2px solid var(--fg);padding-top:.75rem}h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
a{color:#0b57d0}code{font:13px/1.4 ui-monospace,"DejaVu Sans Mono",monospace;background:#f4f4f4;padding:0 .2em;border-radius:3px}
table{border-collapse:collapse;font-size:13px;margin:.5rem 0}th,td{border:1px solid var(--rule);padding:.2rem .45rem;text-align:left;vertical-align:top}th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
.wide{overflow-x:auto}.summary small{color:var(--mute)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.5rem 0}dl.facts dt{color:var(--mute)}dl.facts dd{margin:0}
ul.legend{list-style:none;padding:0;columns:2 22rem;font-size:14px}ul.legend li{margin:.15rem 0}
.sign{display:inline-block;min-width:1.4em;font-weight:700;text-align:center}
.src{font:13px/1.5 ui-monospace,"DejaVu Sans Mono",monospace;border:1px solid var(--rule);padding:.5rem 0;margin:.5rem 0;background:#fff}
.seg>span,.p>span{display:block;white-space:pre-wrap;overflow-wrap:anywhere;padding-left:6.2em;text-indent:0;min-height:1.5em;counter-increment:l}
.seg>span::before,.p>span::before{content:counter(l);display:inline-block;width:4.2em;margin-left:-5.6em;margin-right:1.4em;text-align:right;color:var(--mute);-webkit-user-select:none;user-select:none}
.seg>span.m::before,.p>span.m::before{content:counter(l) " " attr(data-s);font-weight:700;color:var(--fg)}
.seg>span{border-left:3px solid transparent}.p{border-left:3px solid #9aa0a6}
.m.out{font-style:italic}
.k-note{background:var(--note)}.k-disclaimer{background:var(--disc)}.k-metadata,.k-boilerplate,.k-title,.k-spacer,.k-dropped{background:var(--meta)}
.k-heading{background:var(--head);font-weight:700}.k-break{background:var(--brk)}.k-repair{background:#fff;text-decoration:underline wavy #b06000}.k-kept{background:var(--kept)}
.m.k-dropped,.m.k-boilerplate,.m.k-metadata,.m.k-spacer{text-decoration:line-through}
.d{font:13px/1.45 system-ui,"DejaVu Sans",sans-serif;margin:.15rem .5rem .5rem 6.2em;padding:.3rem .6rem;border:1px solid #9aa0a6;border-left-width:5px;border-radius:4px;font-style:normal;text-decoration:none}
.d.k-note{border-left-style:double}.d.k-disclaimer{border-left-style:dashed}.d.k-metadata,.d.k-boilerplate,.d.k-title,.d.k-spacer,.d.k-dropped{border-left-style:dotted}.d.k-kept{border-left-style:solid}
.d .tag{font-weight:700}.d .why{color:var(--mute)}.d .txt{display:block;white-space:pre-wrap;font-family:ui-monospace,"DejaVu Sans Mono",monospace}
.d .fix{display:block;margin-top:.15rem}
code.cfg{background:var(--fix);border:1px solid #d93025;padding:.05em .3em;white-space:pre-wrap}
button.copy{display:none;font-size:12px;margin-left:.4em;padding:0 .5em;cursor:pointer}
.js button.copy{display:inline-block}
details.run{margin:.1rem 0}details.run>summary{cursor:pointer;color:var(--mute);font:italic 13px system-ui,"DejaVu Sans",sans-serif;padding:.1rem .5rem .1rem 6.2em;list-style-position:inside}
details.run>summary::marker{color:var(--mute)}
.pop{margin:.2rem .5rem .4rem 6.2em;padding:.3rem .6rem;border:1px dashed #5f6368;font:13px system-ui,"DejaVu Sans",sans-serif;background:#fafafa}
ul.items{padding-left:1.2rem}ul.items li{margin:.3rem 0}
.ok{font-weight:700}.bad{font-weight:700;text-decoration:underline}
@media print{body{max-width:none;padding:0;font-size:11pt}button.copy,.pop{display:none!important}h2{break-before:page}.src{border:0}code.cfg{border:1px solid #000}}
`;

/** Copy buttons beside each config line; a click on any source line offers the lines that would change it. */
export const SCRIPT = `
(function(){
  function copy(text, button){
    function done(){ var t=button.textContent; button.textContent='copied'; setTimeout(function(){button.textContent=t;},1200); }
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, function(){ select(button.previousElementSibling); });
    else select(button.previousElementSibling);
  }
  function select(el){ var r=document.createRange(); r.selectNodeContents(el); var s=window.getSelection(); s.removeAllRanges(); s.addRange(r); }
  function addButton(code){ var b=document.createElement('button'); b.type='button'; b.className='copy'; b.textContent='copy'; code.after(b); }
  function lineNumber(span){
    var seg=span.closest('.seg'); if(!seg) return 0;
    var start=Number(/counter-reset:\\s*l\\s+(\\d+)/.exec(seg.getAttribute('style')||'')[1]);
    var lines=seg.querySelectorAll(':scope>span,:scope>.p>span');
    for (var i=0;i<lines.length;i++) if (lines[i]===span) return start+i+1;
    return 0;
  }
  document.addEventListener('click', function(e){
    var t=e.target;
    if (t.matches && t.matches('button.copy')) { copy(t.previousElementSibling.textContent, t); return; }
    var span=t.closest && t.closest('.seg>span,.p>span');
    if (!span || !window.getSelection().isCollapsed) return;
    var holder=span.parentElement.classList.contains('p') ? span.parentElement : span;
    var next=holder.nextElementSibling;
    if (next && next.classList.contains('pop')) { next.remove(); return; }
    var n=lineNumber(span); if (!n) return;
    var pop=document.createElement('div'); pop.className='pop';
    pop.innerHTML='Change the paragraph at line '+n+': add one of these to this story in the config: ';
    ['paratext','headings','breaks','keep'].forEach(function(k){ var c=document.createElement('code'); c.className='cfg'; c.textContent=k+': ['+n+']'; pop.append(' ', c); addButton(c); });
    holder.after(pop);
  });
  document.documentElement.classList.add('js');
  document.querySelectorAll('code.cfg').forEach(addButton);
})();
`;
