"""Writers: the CSL-JSON hub -> an output format (RIS, CSL-JSON, or any CSL style)."""
