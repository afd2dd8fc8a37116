//! More JavaScript helpers (see `helpers.rs`, whose table this one extends): `{:?}` of
//! composite values, `Ordering`, and byte-range slicing of strings and vectors.

use super::helper::Helper;

/// Helpers listed after `helpers.rs`'s own.
pub(super) const MORE: &[Helper] = &[
    Helper {
        // `{:?}` / `{:#?}` (p) of `v` by the descriptor `t` (see `debug.rs`). Pretty
        // form: one item per line, indented by four spaces, each with a trailing comma.
        name: "$dbg",
        deps: &["$dbgf", "$dbgf32", "$dbgs"],
        src: r#"(v,t,p)=>{const w=(o,c,a,one)=>a.length===0?o+c:p?o+"\n"+a.map(x=>"    "+x.replace(/\n/g,"\n    ")+",\n").join("")+c:o+a.join(", ")+(one&&a.length===1?",":"")+c;if(typeof t=="string")return t==="n"?String(v):t==="f"?$dbgf(v):t==="F"?$dbgf32(v):t==="s"?$dbgs(v,'"'):t==="c"?$dbgs(v,"'"):t==="u"?"()":v<0?"Less":v>0?"Greater":"Equal";const k=t[0];if(k==="v")return w("[","]",v.map(x=>$dbg(x,t[1],p)));if(k==="o")return v===null?"None":w("Some(",")",[$dbg(v,t[1],p)]);if(k==="r")return"Ok"in v?w("Ok(",")",[$dbg(v.Ok,t[1],p)]):w("Err(",")",[$dbg(v.Err,t[2],p)]);if(k==="t")return w("(",")",v.map((x,i)=>$dbg(x,t[1][i],p)),true);let n=t[1],f;if(k==="E"){if(n==="ParseBoolError")return n;f=[["kind",{"cannot parse integer from empty string":"Empty","invalid digit found in string":"InvalidDigit","number too large to fit in target type":"PosOverflow","number too small to fit in target type":"NegOverflow","number would be zero for non-zero type":"Zero","cannot parse float from empty string":"Empty","invalid float literal":"Invalid","cannot parse char from empty string":"EmptyString","too many characters in string":"TooManyChars"}[v]]]}else f=t[2].map(([x,u])=>[x,$dbg(v[x],u,p)]);if(f.length===0)return n;const a=f.map(([x,s])=>x+": "+s);return p?w(n+" {","}",a):n+" { "+a.join(", ")+" }"}"#,
    },
    Helper {
        // `Ord::cmp`: an `Ordering` (-1, 0, 1) in Rust's order.
        name: "$ord",
        deps: &["$cmp"],
        src: "(a,b)=>Math.sign($cmp(a,b))",
    },
    Helper {
        // `f64::partial_cmp`: `None` (null) when either side is NaN.
        name: "$pcmp",
        deps: &[],
        src: "(a,b)=>a<b?-1:a>b?1:a===b?0:null",
    },
    Helper { name: "$then", deps: &[], src: "(a,b)=>a||b" },
    Helper {
        // `max_by` (m) keeps the last of equal items, `min_by` the first; the
        // comparator sees (kept, next), as Rust's `cmp::max_by`/`min_by` do.
        name: "$maxby",
        deps: &[],
        src: "(it,f,m)=>{let r,n=true;for(const x of it){if(n){r=x;n=false}else{const c=f(r,x);if(m?c<=0:c>0)r=x}}return n?null:r}",
    },
    Helper {
        // `&s[a..b]` (b null: to the end; i: `..=`) on UTF-8 byte indices: each index
        // becomes a UTF-16 one, and one inside a char or past the end panics.
        name: "$sslice",
        deps: &[],
        src: r#"(s,a,b,i)=>{const u=x=>{let k=0,j=0;while(k<x&&j<s.length){const c=s.codePointAt(j);k+=c<128?1:c<2048?2:c<65536?3:4;j+=c<65536?1:2}if(k!==x)throw new Error("byte index "+x+" is not a char boundary or is out of bounds");return j};const e=b===null?s.length:u(i?(typeof b=="bigint"?b+1n:b+1):b),f=u(a);if(f>e)throw new Error("slice index starts at "+a+" but ends at "+b);return s.slice(f,e)}"#,
    },
    Helper {
        // `&v[a..b]` (b null: to the end; i: `..=`): a copy of the items, Rust's panics.
        name: "$vslice",
        deps: &[],
        src: r#"(v,a,b,i)=>{let e=b===null?v.length:i?(typeof b=="bigint"?b+1n:b+1):b;if(a>e)throw new Error("slice index starts at "+a+" but ends at "+e);if(e>v.length)throw new Error("range end index "+e+" out of range for slice of length "+v.length);return v.slice(Number(a),Number(e))}"#,
    },
    Helper {
        // An integer (a number, or a BigInt beyond 2^53) rounded to `f32` in one step:
        // 24 significant bits, ties to even.
        name: "$bigf32",
        deps: &[],
        src: r#"b=>{if(typeof b=="number")return Math.fround(b);const n=b<0n,m=n?-b:b,L=m.toString(2).length,h=BigInt(L-24);let q=m>>h;const r=m-(q<<h),f=1n<<(h-1n);if(r>f||r===f&&q&1n)q+=1n;const v=Number(q)*2**(L-24);return n?-v:v}"#,
    },
    Helper {
        // The shortest decimal digits of a finite, non-zero `f32` that round-trip as an
        // `f32`, the closest to it among those: [sign, digits, point position].
        name: "$sf32",
        deps: &[],
        src: r#"x=>{const g=x<0?"-":"",a=Math.abs(x);for(let p=1;p<=9;p++){const m=/^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(a.toExponential(p-1)),D=+(m[1]+(m[2]||"")),E=+m[3]-p+1;let b=null,e=Infinity;for(const d of[D,D-1,D+1]){if(d<=0)continue;const v=+(d+"e"+E);if(Math.fround(v)===a&&Math.abs(v-a)<e){e=Math.abs(v-a);b=d}}if(b!==null){const s=String(b);return[g,s.replace(/0+$/,""),E+s.length]}}return[g,String(a),0]}"#,
    },
    Helper {
        // `Display` of an `f32`: its shortest digits, without an exponent.
        name: "$fmtf32",
        deps: &["$fmtf", "$sf32"],
        src: r#"x=>{if(x!==x||x===0||Math.abs(x)===Infinity)return $fmtf(x);const[g,d,p]=$sf32(x);return g+(p>=d.length?d+"0".repeat(p-d.length):p<=0?"0."+"0".repeat(-p)+d:d.slice(0,p)+"."+d.slice(p))}"#,
    },
    Helper {
        // `Debug` of an `f32`: an exponent below 1e-4f32 and from 1e16f32.
        name: "$dbgf32",
        deps: &["$fmtf", "$fmtf32", "$sf32"],
        src: r#"x=>{const a=Math.abs(x);if(x!==x||a===Infinity)return $fmtf(x);if(a===0||a>=Math.fround(1e-4)&&a<Math.fround(1e16)){const s=$fmtf32(x);return s.includes(".")?s:s+".0"}const[g,d,p]=$sf32(x);return g+d[0]+(d.length>1?"."+d.slice(1):"")+"e"+(p-1)}"#,
    },
    Helper {
        // Whether the positive double `a` is exactly (D + 1/2) * 10^E (BigInt D).
        name: "$tie",
        deps: &[],
        src: "(a,D,E)=>{const v=new DataView(new ArrayBuffer(8));v.setFloat64(0,a);const h=v.getUint32(0);let x=h>>>20&2047,M=BigInt(h&1048575)<<32n|BigInt(v.getUint32(4));if(x===0)x=1;else M|=1n<<52n;const P=x-1075;let L=2n*M,R=2n*D+1n;if(P>=0)L<<=BigInt(P);else R<<=BigInt(-P);if(E>=0)R*=10n**BigInt(E);else L*=10n**BigInt(-E);return L===R}",
    },
    Helper {
        // The shortest digits of a finite positive double that round-trip, and where
        // the point goes ([digits, k]: 0.digits * 10^k). JavaScript picks the even of
        // two equally close candidates, Rust the larger: on an exact tie, one up.
        name: "$sd",
        deps: &["$tie"],
        src: r#"a=>{const m=/^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(a.toExponential());let d=m[1]+(m[2]||"");const E=+m[3]-d.length+1;if($tie(a,BigInt(d),E)){const u=String(BigInt(d)+1n);if(+(u+"e"+E)===a)d=u}return[d.replace(/0+$/,""),E+d.length]}"#,
    },
    Helper {
        // `trim_start_matches` (e & 1) / `trim_end_matches` (e & 2) with a char or
        // string pattern; an empty pattern trims nothing.
        name: "$trimm",
        deps: &[],
        src: "(s,p,e)=>{if(p==='')return s;if(e&1)while(s.startsWith(p))s=s.slice(p.length);if(e&2)while(s.endsWith(p))s=s.slice(0,s.length-p.length);return s}",
    },
];
