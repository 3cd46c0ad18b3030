<#-- Said after the notice. -->
Press ${digit} to acknowledge this notice.
