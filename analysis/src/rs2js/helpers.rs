//! The JavaScript helpers translated handlers call where Rust and JavaScript differ:
//! checked integer arithmetic, UTF-8 lengths, `Option`/`Result` plumbing, lazy
//! iterators, Rust's number formatting.
//!
//! A chunk carries only the helpers its handlers use (and what those use), as `const`
//! definitions at its top, so the core runtime stays small. Integer bounds are arrays
//! `[min, max]`; 64-bit types carry JavaScript's safe range (±(2^53 − 1)) and, third,
//! their real bounds as BigInts. A 64-bit integer is a number when it is a safe integer
//! and a BigInt otherwise (never both for one value), and has helpers of its own
//! (`$add64`, …), so the arithmetic of narrower types stays plain numbers.

use std::collections::BTreeSet;

use super::helper::Helper;

/// Every helper: this file's, then `helpers_more.rs`'s, then `unicode.rs`'s.
fn all() -> impl Iterator<Item = &'static Helper> {
    HELPERS.iter().chain(super::helpers_more::MORE).chain(super::unicode::HELPERS)
}

/// Every helper, in the order they are written into a chunk.
const HELPERS: &[Helper] = &[
    Helper { name: "$i8", deps: &[], src: "[-128,127]" },
    Helper { name: "$i16", deps: &[], src: "[-32768,32767]" },
    Helper { name: "$i32", deps: &[], src: "[-2147483648,2147483647]" },
    Helper {
        name: "$i64",
        deps: &[],
        src: "[-9007199254740991,9007199254740991,[-9223372036854775808n,9223372036854775807n]]",
    },
    Helper { name: "$u8", deps: &[], src: "[0,255]" },
    Helper { name: "$u16", deps: &[], src: "[0,65535]" },
    Helper { name: "$u32", deps: &[], src: "[0,4294967295]" },
    Helper { name: "$u64", deps: &[], src: "[0,9007199254740991,[0n,18446744073709551615n]]" },
    Helper {
        name: "$ck",
        deps: &[],
        src: r#"(v,t,o)=>{if(!(v>=t[0]&&v<=t[1]))throw new Error("attempt to "+o+" with overflow"+(t[2]?" (JavaScript numbers are exact to 2^53)":""));return v+0}"#,
    },
    Helper { name: "$add", deps: &["$ck"], src: r#"(a,b,t)=>$ck(a+b,t,"add")"# },
    Helper { name: "$sub", deps: &["$ck"], src: r#"(a,b,t)=>$ck(a-b,t,"subtract")"# },
    Helper { name: "$mul", deps: &["$ck"], src: r#"(a,b,t)=>$ck(a*b,t,"multiply")"# },
    Helper {
        name: "$div",
        deps: &["$ck"],
        src: r#"(a,b,t)=>{if(b===0)throw new Error("attempt to divide by zero");return $ck((a-a%b)/b,t,"divide")}"#,
    },
    Helper {
        name: "$rem",
        deps: &["$ck"],
        src: r#"(a,b,t)=>{if(b===0)throw new Error("attempt to calculate the remainder with a divisor of zero");if(b===-1)$ck(-a,t,"calculate the remainder");return a%b+0}"#,
    },
    Helper { name: "$neg", deps: &["$ck"], src: r#"(a,t)=>$ck(-a,t,"negate")"# },
    Helper { name: "$abs", deps: &["$ck"], src: r#"(a,t)=>$ck(Math.abs(a),t,"negate")"# },
    Helper {
        name: "$pow",
        deps: &["$ck"],
        src: r#"(a,e,t)=>{let r=1;for(;;){if(e%2)r=$ck(r*a,t,"multiply");e=Math.floor(e/2);if(!e)return r;a=$ck(a*a,t,"multiply")}}"#,
    },
    Helper { name: "$chk", deps: &[], src: "(f,...a)=>{try{return f(...a)}catch{return null}}" },
    Helper {
        name: "$sat",
        deps: &["$ck"],
        src: r#"(v,t)=>t[2]?$ck(v,t,"saturate"):v<t[0]?t[0]:v>t[1]?t[1]:v+0"#,
    },
    Helper {
        name: "$wrap",
        deps: &["$ck"],
        src: r#"(v,t)=>{if(t[2])return $ck(v,t,"wrap");const m=t[1]-t[0]+1;return((v-t[0])%m+m)%m+t[0]}"#,
    },
    Helper {
        name: "$fti",
        deps: &["$ck"],
        src: r#"(v,t)=>{v=v!==v?0:Math.trunc(v);return t[2]?$ck(v,t,"cast"):v<t[0]?t[0]:v>t[1]?t[1]:v+0}"#,
    },
    // 64-bit integers: a value is a JavaScript number when it is a safe integer
    // (|v| <= 2^53 - 1) and a BigInt otherwise, always, so `===` and `<` stay exact.
    // Arithmetic runs on numbers while the result stays safe and on BigInts past that.
    Helper {
        name: "$n",
        deps: &[],
        src: "v=>v>=-9007199254740991n&&v<=9007199254740991n?Number(v):v",
    },
    Helper {
        name: "$c64",
        deps: &["$n"],
        src: r#"(v,t,o)=>{if(v<t[2][0]||v>t[2][1])throw new Error("attempt to "+o+" with overflow");return $n(v)}"#,
    },
    Helper {
        name: "$x64",
        deps: &["$c64"],
        src: r#"(a,b,t,o,f)=>{if(typeof a=="number"&&typeof b=="number"){const r=f(a,b);if(Number.isSafeInteger(r)&&r>=t[0])return r+0}return $c64(f(BigInt(a),BigInt(b)),t,o)}"#,
    },
    Helper { name: "$add64", deps: &["$x64"], src: r#"(a,b,t)=>$x64(a,b,t,"add",(x,y)=>x+y)"# },
    Helper { name: "$sub64", deps: &["$x64"], src: r#"(a,b,t)=>$x64(a,b,t,"subtract",(x,y)=>x-y)"# },
    Helper { name: "$mul64", deps: &["$x64"], src: r#"(a,b,t)=>$x64(a,b,t,"multiply",(x,y)=>x*y)"# },
    Helper {
        name: "$div64",
        deps: &["$x64"],
        src: r#"(a,b,t)=>{if(b==0)throw new Error("attempt to divide by zero");return $x64(a,b,t,"divide",(x,y)=>typeof x=="bigint"?x/y:(x-x%y)/y)}"#,
    },
    Helper {
        name: "$rem64",
        deps: &["$x64"],
        src: r#"(a,b,t)=>{if(b==0)throw new Error("attempt to calculate the remainder with a divisor of zero");if(b==-1)$c64(-BigInt(a),t,"calculate the remainder");return $x64(a,b,t,"calculate the remainder",(x,y)=>x%y)}"#,
    },
    Helper { name: "$neg64", deps: &["$c64"], src: r#"(a,t)=>$c64(-BigInt(a),t,"negate")"# },
    Helper {
        name: "$abs64",
        deps: &["$c64"],
        src: r#"(a,t)=>{a=BigInt(a);return $c64(a<0n?-a:a,t,"negate")}"#,
    },
    Helper {
        name: "$pow64",
        deps: &["$mul64"],
        src: "(a,e,t)=>{let r=1;for(;;){if(e%2)r=$mul64(r,a,t);e=Math.floor(e/2);if(!e)return r;a=$mul64(a,a,t)}}",
    },
    Helper { name: "$sat64", deps: &["$n"], src: "(v,t)=>$n(v<t[2][0]?t[2][0]:v>t[2][1]?t[2][1]:v)" },
    Helper {
        name: "$wrap64",
        deps: &["$n"],
        src: "(v,t)=>$n(t[0]<0?BigInt.asIntN(64,v):BigInt.asUintN(64,v))",
    },
    Helper {
        name: "$as64",
        deps: &["$n"],
        src: "(v,b,s)=>{v=BigInt(v);return $n(s?BigInt.asIntN(b,v):BigInt.asUintN(b,v))}",
    },
    Helper {
        name: "$fti64",
        deps: &["$n"],
        src: "(v,t)=>{const r=t[2];return v!==v?0:v>=Number(r[1])?$n(r[1]):v<=Number(r[0])?$n(r[0]):$n(BigInt(Math.trunc(v)))}",
    },
    Helper { name: "$bits64", deps: &["$n"], src: "(a,b,f)=>$n(f(BigInt(a),BigInt(b)))" },
    Helper {
        name: "$not64",
        deps: &["$n"],
        src: "(a,t)=>$n(t[0]<0?~BigInt(a):BigInt.asUintN(64,~BigInt(a)))",
    },
    Helper {
        name: "$shl64",
        deps: &["$n"],
        src: "(a,s,t)=>{const v=BigInt(a)<<BigInt(s);return $n(t[0]<0?BigInt.asIntN(64,v):BigInt.asUintN(64,v))}",
    },
    Helper { name: "$shr64", deps: &["$n"], src: "(a,s)=>$n(BigInt(a)>>BigInt(s))" },
    Helper { name: "$imin", deps: &[], src: "(a,b)=>b<a?b:a" },
    Helper { name: "$imax", deps: &[], src: "(a,b)=>b<a?a:b" },
    Helper { name: "$isign", deps: &[], src: "x=>x>0?1:x<0?-1:0" },
    Helper {
        name: "$inc",
        deps: &["$n"],
        src: "i=>typeof i==\"number\"&&i<9007199254740991?i+1:$n(BigInt(i)+1n)",
    },
    Helper {
        name: "$dec",
        deps: &["$n"],
        src: "i=>typeof i==\"number\"&&i>-9007199254740991?i-1:$n(BigInt(i)-1n)",
    },
    Helper { name: "$fmin", deps: &[], src: "(a,b)=>a!==a?b:b!==b?a:Math.min(a,b)" },
    Helper { name: "$fmax", deps: &[], src: "(a,b)=>a!==a?b:b!==b?a:Math.max(a,b)" },
    Helper {
        name: "$eq",
        deps: &[],
        src: r#"(a,b)=>{if(a===b)return true;if(!a||!b||typeof a!="object"||typeof b!="object")return false;const k=Object.keys(a),l=Object.keys(b);return k.length===l.length&&k.every((x,i)=>x===l[i]&&$eq(a[x],b[x]))}"#,
    },
    Helper {
        name: "$cmp",
        deps: &[],
        src: r#"(a,b)=>{if(a===b)return 0;if(a===null)return -1;if(b===null)return 1;if(typeof a=="string"){let i=0;while(i<a.length&&i<b.length&&a[i]===b[i])i++;if(i===a.length||i===b.length)return a.length-b.length;const f=u=>u>=57344?u-2048:u>=55296?u+8192:u;return f(a.charCodeAt(i))-f(b.charCodeAt(i))}if(Array.isArray(a)){for(let i=0;i<a.length&&i<b.length;i++){const c=$cmp(a[i],b[i]);if(c)return c}return a.length-b.length}return a<b?-1:a>b?1:0}"#,
    },
    Helper {
        name: "$clone",
        deps: &[],
        src: r#"v=>typeof v=="object"&&v!==null?structuredClone(v):v"#,
    },
    Helper {
        name: "$len",
        deps: &[],
        src: "s=>{let n=0;for(const c of s){const p=c.codePointAt(0);n+=p<128?1:p<2048?2:p<65536?3:4}return n}",
    },
    Helper {
        name: "$trim",
        deps: &[],
        src: r"s=>s.replace(/^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g,'')",
    },
    Helper {
        name: "$trims",
        deps: &[],
        src: r"s=>s.replace(/^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/,'')",
    },
    Helper {
        name: "$trime",
        deps: &[],
        src: r"s=>s.replace(/[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/,'')",
    },
    Helper {
        name: "$splitws",
        deps: &[],
        src: r#"s=>s.split(/[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/).filter(x=>x!=="")"#,
    },
    Helper { name: "$split", deps: &[], src: r#"(s,p)=>p===""?["",...s,""]:s.split(p)"# },
    Helper {
        name: "$replace",
        deps: &[],
        src: r#"(s,a,b)=>a===""?(s===""?b:b+[...s].join(b)+b):s.split(a).join(b)"#,
    },
    Helper {
        name: "$pint",
        deps: &[],
        src: r#"(s,t,R=10)=>{if(!(R>=2&&R<=36))throw new Error("from_str_radix_int: must lie in the range `[2, 36]`");if(s==="")return{Err:"cannot parse integer from empty string"};const I={Err:"invalid digit found in string"},c=s[0];let i=0,g=false;if(c==="+"||c==="-"){if(s.length===1)return I;if(c==="-"&&t[0]<0)g=true;if(c==="+"||g)i=1}const r=t[2],O={Err:"number too "+(g?"small":"large")+" to fit in target type"};let v=r?0n:0;for(;i<s.length;i++){const c=s.charCodeAt(i),d=c>=48&&c<=57?c-48:c>=97&&c<=122?c-87:c>=65&&c<=90?c-55:99;if(d>=R)return I;if(r){v=v*BigInt(R)+BigInt(g?-d:d);if(v<r[0]||v>r[1])return O}else{v=v*R+(g?-d:d);if(v<t[0]||v>t[1])return O}}return{Ok:r?(v>=-9007199254740991n&&v<=9007199254740991n?Number(v):v):v+0}}"#,
    },
    Helper {
        name: "$pflt",
        deps: &[],
        src: r#"s=>{if(s==="")return{Err:"cannot parse float from empty string"};const m=/^([+-]?)(?:(inf|infinity)|(nan)|(\d+\.?\d*(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?))$/i.exec(s);if(!m)return{Err:"invalid float literal"};const v=m[2]?Infinity:m[3]?NaN:+m[4];return{Ok:m[1]==="-"?-v:v}}"#,
    },
    Helper {
        name: "$pchar",
        deps: &[],
        src: r#"s=>{const n=[...s].length;return n===1?{Ok:s}:{Err:n===0?"cannot parse char from empty string":"too many characters in string"}}"#,
    },
    Helper {
        name: "$pbool",
        deps: &[],
        src: r#"s=>s==="true"?{Ok:true}:s==="false"?{Ok:false}:{Err:"provided string was not `true` or `false`"}"#,
    },
    Helper {
        name: "$fmtf",
        deps: &["$sd"],
        src: r#"x=>{if(x!==x)return"NaN";if(x===Infinity)return"inf";if(x===-Infinity)return"-inf";if(x===0)return Object.is(x,-0)?"-0":"0";const[d,p]=$sd(Math.abs(x));return(x<0?"-":"")+(p>=d.length?d+"0".repeat(p-d.length):p<=0?"0."+"0".repeat(-p)+d:d.slice(0,p)+"."+d.slice(p))}"#,
    },
    Helper {
        name: "$dbgf",
        deps: &["$fmtf", "$sd"],
        src: r#"x=>{const a=Math.abs(x);if(x!==x||a===Infinity)return $fmtf(x);if(a===0||a>=1e-4&&a<1e16){const s=$fmtf(x);return s.includes(".")?s:s+".0"}const[d,p]=$sd(a);return(x<0?"-":"")+d[0]+(d.length>1?"."+d.slice(1):"")+"e"+(p-1)}"#,
    },
    Helper {
        name: "$fix",
        deps: &["$fmtf"],
        src: r#"(x,p)=>{if(x!==x||x===Infinity||x===-Infinity)return $fmtf(x);const a=Math.abs(x);let s;if(a>=1e21)s=BigInt(a).toString()+(p?"."+"0".repeat(p):"");else{s=a.toFixed(p);if(!Number.isInteger(a)){let m=a,e=0;while(!Number.isInteger(m)){m*=2;e--}if(e===-p-1&&+s[s.length-1]%2){s=a.toFixed(p+1).slice(0,-1);if(!p)s=s.slice(0,-1)}}}return(x<0||Object.is(x,-0)?"-":"")+s}"#,
    },
    Helper {
        name: "$dbgs",
        deps: &["$uin", "$uEs"],
        src: r#"(s,q)=>q+[...s].map(c=>c===q||c==="\\"?"\\"+c:c==="\n"?"\\n":c==="\r"?"\\r":c==="\t"?"\\t":c==="\0"?"\\0":$uin($uEs,c)?"\\u{"+c.codePointAt(0).toString(16)+"}":c).join("")+q"#,
    },
    Helper {
        name: "$pad",
        deps: &[],
        src: r#"(s,w,a,f)=>{const n=[...s].length;if(n>=w)return s;const k=w-n;if(a==="0"){const g=/^[+-]/.test(s)?s[0]:"";return g+"0".repeat(k)+s.slice(g.length)}const l=a==="<"?0:a===">"?k:Math.floor(k/2);return f.repeat(l)+s+f.repeat(k-l)}"#,
    },
    Helper { name: "$plus", deps: &[], src: r#"s=>/^[-N]/.test(s)?s:"+"+s"# },
    Helper {
        name: "$radix",
        deps: &[],
        src: r#"(v,r,t)=>{if(t[2])return BigInt.asUintN(64,BigInt(v)).toString(r);if(v<0)v+=t[1]-t[0]+1;return v.toString(r)}"#,
    },
    Helper { name: "$trunc", deps: &[], src: "(s,n)=>[...s].slice(0,n).join('')" },
    Helper {
        name: "$idx",
        deps: &[],
        src: r#"(v,i)=>{if(!(i<v.length))throw new Error("index out of bounds: the len is "+v.length+" but the index is "+i);return i}"#,
    },
    Helper { name: "$get", deps: &[], src: "(v,i)=>i<v.length?v[i]:null" },
    Helper { name: "$last", deps: &[], src: "v=>v.length?v[v.length-1]:null" },
    Helper { name: "$pop", deps: &[], src: "v=>v.length?v.pop():null" },
    Helper {
        name: "$insert",
        deps: &[],
        src: r#"(v,i,x)=>{if(i>v.length)throw new Error("insertion index (is "+i+") should be <= len (is "+v.length+")");v.splice(i,0,x)}"#,
    },
    Helper {
        name: "$remove",
        deps: &[],
        src: r#"(v,i)=>{if(!(i<v.length))throw new Error("removal index (is "+i+") should be < len (is "+v.length+")");return v.splice(i,1)[0]}"#,
    },
    Helper {
        name: "$retain",
        deps: &[],
        src: "(v,f)=>{let j=0;for(const x of v)if(f(x))v[j++]=x;v.length=j}",
    },
    Helper { name: "$extend", deps: &[], src: "(v,it)=>{for(const x of it)v.push(x)}" },
    Helper { name: "$contains", deps: &["$eq"], src: "(v,x)=>{for(const y of v)if($eq(y,x))return true;return false}" },
    Helper { name: "$vecrep", deps: &["$clone"], src: "(x,n)=>Array.from({length:n},()=>$clone(x))" },
    Helper {
        name: "$snap",
        deps: &["$clone"],
        src: "c=>{let v=$clone(c.get());return{get:()=>v,set(x){v=x},update(f){v=f(v)},with(f){return f(v)}}}",
    },
    Helper { name: "$panic", deps: &[], src: "m=>{throw new Error(m)}" },
    Helper {
        name: "$unwrap",
        deps: &[],
        src: r#"(o,m)=>{if(o===null)throw new Error(m??"called `Option::unwrap()` on a `None` value");return o}"#,
    },
    Helper { name: "$or", deps: &[], src: "(o,d)=>o===null?d:o" },
    Helper { name: "$omap", deps: &[], src: "(o,f)=>o===null?null:f(o)" },
    Helper { name: "$ofilter", deps: &[], src: "(o,f)=>o!==null&&f(o)?o:null" },
    Helper { name: "$okor", deps: &[], src: "(o,e)=>o===null?{Err:e}:{Ok:o}" },
    Helper { name: "$rok", deps: &[], src: r#"r=>"Ok"in r?r.Ok:null"# },
    Helper { name: "$rerr", deps: &[], src: r#"r=>"Err"in r?r.Err:null"# },
    Helper { name: "$ror", deps: &[], src: r#"(r,d)=>"Ok"in r?r.Ok:d"# },
    Helper { name: "$rmap", deps: &[], src: r#"(r,f)=>"Ok"in r?{Ok:f(r.Ok)}:r"# },
    Helper { name: "$rmaperr", deps: &[], src: r#"(r,f)=>"Err"in r?{Err:f(r.Err)}:r"# },
    Helper { name: "$rthen", deps: &[], src: r#"(r,f)=>"Ok"in r?f(r.Ok):r"# },
    Helper {
        name: "$runwrap",
        deps: &[],
        src: r#"(r,m)=>{if("Err"in r)throw new Error((m??"called `Result::unwrap()` on an `Err` value")+": "+JSON.stringify(r.Err));return r.Ok}"#,
    },
    Helper {
        name: "$swap",
        deps: &["$idx"],
        src: "(v,i,j)=>{$idx(v,i);$idx(v,j);const x=v[i];v[i]=v[j];v[j]=x}",
    },
    Helper {
        name: "$dedup",
        deps: &["$eq"],
        src: "v=>{let j=0;for(let i=0;i<v.length;i++)if(!j||!$eq(v[i],v[j-1]))v[j++]=v[i];v.length=j}",
    },
    Helper {
        name: "$powi",
        deps: &[],
        src: "(a,b)=>{const n=b<0;let r=1;for(;;){if(b&1)r*=a;b=b/2|0;if(!b)break;a*=a}return n?1/r:r}",
    },
    Helper {
        name: "$clamp",
        deps: &[],
        src: r#"(x,a,b)=>{if(!(a<=b))throw new Error("assertion failed: min <= max");return x<a?a:x>b?b:x}"#,
    },
    Helper { name: "$rrange", deps: &[], src: "function*(a,b){for(let i=b-1;i>=a;i--)yield i}" },
    Helper {
        name: "$rrange64",
        deps: &["$dec"],
        src: "function*(a,b,c){for(let i=c?b:$dec(b);i>=a;i=$dec(i))yield i}",
    },
    Helper {
        name: "$range64",
        deps: &["$inc"],
        src: "function*(a,b,c){for(let i=a;c?i<=b:i<b;i=$inc(i))yield i}",
    },
    Helper { name: "$range", deps: &[], src: "function*(a,b){for(let i=a;i<b;i++)yield i}" },
    Helper { name: "$map", deps: &[], src: "function*(it,f){for(const x of it)yield f(x)}" },
    Helper { name: "$filter", deps: &[], src: "function*(it,f){for(const x of it)if(f(x))yield x}" },
    Helper {
        name: "$filtermap",
        deps: &[],
        src: "function*(it,f){for(const x of it){const y=f(x);if(y!==null)yield y}}",
    },
    Helper { name: "$enumerate", deps: &[], src: "function*(it){let i=0;for(const x of it)yield[i++,x]}" },
    Helper {
        name: "$take",
        deps: &[],
        src: "function*(it,n){if(n>0)for(const x of it){yield x;if(--n<=0)return}}",
    },
    Helper { name: "$skip", deps: &[], src: "function*(it,n){for(const x of it)if(n>0)n--;else yield x}" },
    Helper {
        name: "$sum",
        deps: &["$ck"],
        src: r#"(it,t)=>{let s=t?0:-0;for(const x of it)s=t?$ck(s+x,t,"add"):s+x;return s}"#,
    },
    Helper {
        name: "$sum64",
        deps: &["$add64"],
        src: "(it,t)=>{let s=0;for(const x of it)s=$add64(s,x,t);return s}",
    },
    Helper {
        name: "$prod",
        deps: &["$ck"],
        src: r#"(it,t)=>{let s=1;for(const x of it)s=t?$ck(s*x,t,"multiply"):s*x;return s}"#,
    },
    Helper {
        name: "$prod64",
        deps: &["$mul64"],
        src: "(it,t)=>{let s=1;for(const x of it)s=$mul64(s,x,t);return s}",
    },
    Helper {
        name: "$sfind",
        deps: &["$len"],
        src: "(s,p,r)=>{const i=r?s.lastIndexOf(p):s.indexOf(p);return i<0?null:$len(s.slice(0,i))}",
    },
    Helper {
        name: "$splitonce",
        deps: &[],
        src: "(s,p,r)=>{const i=r?s.lastIndexOf(p):s.indexOf(p);return i<0?null:[s.slice(0,i),s.slice(i+p.length)]}",
    },
    Helper {
        name: "$zip",
        deps: &[],
        src: "function*(a,b){const i=a[Symbol.iterator](),j=b[Symbol.iterator]();for(;;){const x=i.next();if(x.done)return;const y=j.next();if(y.done)return;yield[x.value,y.value]}}",
    },
    Helper {
        name: "$maxbykey",
        deps: &["$cmp"],
        src: "(it,f,max)=>{let m=null,k,has=false;for(const x of it){const kx=f(x);if(!has||(max?$cmp(kx,k)>=0:$cmp(kx,k)<0)){m=x;k=kx;has=true}}return m}",
    },
    Helper {
        name: "$lines",
        deps: &[],
        src: r#"s=>{if(s==="")return[];const p=s.split("\n"),nl=p[p.length-1]==="";if(nl)p.pop();return p.map((l,i)=>(nl||i<p.length-1)&&l.endsWith("\r")?l.slice(0,-1):l)}"#,
    },
    Helper {
        name: "$charidx",
        deps: &[],
        src: "function*(s){let i=0;for(const c of s){yield[i,c];const p=c.codePointAt(0);i+=p<128?1:p<2048?2:p<65536?3:4}}",
    },
    Helper {
        name: "$flatten",
        deps: &[],
        src: "function*(it,opt){for(const x of it)if(opt){if(x!==null)yield x}else yield*x}",
    },
    Helper {
        name: "$windows",
        deps: &[],
        src: r#"function*(v,n,c){n=Number(n);if(n===0)throw new Error(c?"chunk size must be non-zero":"window size must be non-zero");if(c)for(let i=0;i<v.length;i+=n)yield v.slice(i,i+n);else for(let i=0;i+n<=v.length;i++)yield v.slice(i,i+n)}"#,
    },
    Helper { name: "$count", deps: &[], src: "it=>{let n=0;for(const _ of it)n++;return n}" },
    Helper { name: "$any", deps: &[], src: "(it,f)=>{for(const x of it)if(f(x))return true;return false}" },
    Helper { name: "$all", deps: &[], src: "(it,f)=>{for(const x of it)if(!f(x))return false;return true}" },
    Helper {
        name: "$position",
        deps: &[],
        src: "(it,f)=>{let i=0;for(const x of it){if(f(x))return i;i++}return null}",
    },
    Helper { name: "$find", deps: &[], src: "(it,f)=>{for(const x of it)if(f(x))return x;return null}" },
    Helper { name: "$fold", deps: &[], src: "(it,a,f)=>{for(const x of it)a=f(a,x);return a}" },
    Helper {
        name: "$max",
        deps: &["$cmp"],
        src: "it=>{let m=null;for(const x of it)if(m===null||$cmp(x,m)>=0)m=x;return m}",
    },
    Helper {
        name: "$min",
        deps: &["$cmp"],
        src: "it=>{let m=null;for(const x of it)if(m===null||$cmp(x,m)<0)m=x;return m}",
    },
    Helper {
        name: "$todigit",
        deps: &[],
        src: "(c,r)=>{const d=/^[0-9a-z]$/i.test(c)?parseInt(c,36):99;return d<r?d:null}",
    },
    Helper {
        name: "$fromu32",
        deps: &[],
        src: "n=>n<=1114111&&(n<55296||n>57343)?String.fromCodePoint(n):null",
    },
];

/// JavaScript `const` definitions of the helpers `names`, and of the helpers they use,
/// one per line, for the top of a chunk. Unknown names are ignored.
///
/// ```
/// use resuma_analysis::rs2js::helpers_source;
/// let js = helpers_source(&["$add"].into_iter().collect());
/// assert!(js.starts_with("const $ck=("));
/// assert!(js.contains("const $add=(a,b,t)=>$ck(a+b,t,\"add\");"));
/// ```
pub fn helpers_source(names: &BTreeSet<&'static str>) -> String {
    let mut wanted = BTreeSet::new();
    for name in names {
        add_with_deps(name, &mut wanted);
    }
    let mut out = String::new();
    for helper in all().filter(|it| wanted.contains(it.name)) {
        out.push_str("const ");
        out.push_str(helper.name);
        out.push('=');
        // A Unicode table's source is computed when first needed (`unicode.rs`).
        let src = if helper.src.is_empty() { super::unicode::source(helper.name) } else { None };
        out.push_str(src.unwrap_or(helper.src));
        out.push_str(";\n");
    }
    out
}

/// The 64-bit twin of the helper `base` (`$add` → `$add64`), or `base` if it has none.
pub(crate) fn wide(base: &'static str) -> &'static str {
    all().find(|it| it.name.strip_suffix("64") == Some(base)).map_or(base, |it| it.name)
}

/// Adds the helper `name` and, transitively, the helpers it calls to `set`.
pub(crate) fn add_with_deps(name: &str, set: &mut BTreeSet<&'static str>) {
    let Some(helper) = all().find(|it| it.name == name) else { return };
    if set.insert(helper.name) {
        for dep in helper.deps {
            add_with_deps(dep, set);
        }
    }
}

/// Every helper's name (for tests that check each one parses as JavaScript).
#[cfg(test)]
pub(crate) fn all_names() -> impl Iterator<Item = &'static str> {
    all().map(|it| it.name)
}
