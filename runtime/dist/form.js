export const h0=(e)=>HTMLFormElement.prototype.submit.call(e.target);
