//! More JavaScript helpers (see `helpers.rs`, whose table this one extends): `{:?}` of
//! composite values, `Ordering`, and byte-range slicing of strings and vectors.

use super::helpers::Helper;

/// Helpers listed after `helpers.rs`'s own.
pub(super) const MORE: &[Helper] = &[
    Helper {
        // `{:?}` / `{:#?}` (p) of `v` by the descriptor `t` (see `debug.rs`). Pretty
        // form: one item per line, indented by four spaces, each with a trailing comma.
        name: "$dbg",
        deps: &["$dbgf", "$dbgs"],
        src: r#"(v,t,p)=>{const w=(o,c,a,one)=>a.length===0?o+c:p?o+"\n"+a.map(x=>"    "+x.replace(/\n/g,"\n    ")+",\n").join("")+c:o+a.join(", ")+(one&&a.length===1?",":"")+c;if(typeof t=="string")return t==="n"?String(v):t==="f"?$dbgf(v):t==="s"?$dbgs(v,'"'):t==="c"?$dbgs(v,"'"):t==="u"?"()":v<0?"Less":v>0?"Greater":"Equal";const k=t[0];if(k==="v")return w("[","]",v.map(x=>$dbg(x,t[1],p)));if(k==="o")return v===null?"None":w("Some(",")",[$dbg(v,t[1],p)]);if(k==="r")return"Ok"in v?w("Ok(",")",[$dbg(v.Ok,t[1],p)]):w("Err(",")",[$dbg(v.Err,t[2],p)]);if(k==="t")return w("(",")",v.map((x,i)=>$dbg(x,t[1][i],p)),true);let n=t[1],f;if(k==="E"){if(n==="ParseBoolError")return n;f=[["kind",{"cannot parse integer from empty string":"Empty","invalid digit found in string":"InvalidDigit","number too large to fit in target type":"PosOverflow","number too small to fit in target type":"NegOverflow","number would be zero for non-zero type":"Zero","cannot parse float from empty string":"Empty","invalid float literal":"Invalid","cannot parse char from empty string":"EmptyString","too many characters in string":"TooManyChars"}[v]]]}else f=t[2].map(([x,u])=>[x,$dbg(v[x],u,p)]);if(f.length===0)return n;const a=f.map(([x,s])=>x+": "+s);return p?w(n+" {","}",a):n+" { "+a.join(", ")+" }"}"#,
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
];
